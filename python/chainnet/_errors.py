"""Errors raised by chainnet."""


class ScenarioError(ValueError):
    """A scenario (file or frames) that cannot be loaded.

    ``errors`` lists every problem found (not only the first), each a dict with ``file``,
    ``line``, ``column``, ``severity`` and ``message``; ``str(e)`` is the full report, one
    ``FILE:LINE:COLUMN: error: MESSAGE`` line each, as the command line prints it.
    """

    def __init__(self, message, errors=()):
        super().__init__(message)
        self.errors = [Diagnostic(**e) if isinstance(e, dict) else e for e in errors]


class Diagnostic(dict):
    """One problem of a scenario: a dict that also offers its keys as attributes."""

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError as e:
            raise AttributeError(key) from e

    def __str__(self):
        where = self["file"]
        if self["line"]:
            where += f":{self['line']}"
            if self["column"]:
                where += f":{self['column']}"
        return f"{where}: {self['severity']}: {self['message']}"
