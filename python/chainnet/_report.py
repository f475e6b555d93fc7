"""``cn.report``: report.html, the same self-contained page as ``chainnet report``."""
import os
import pathlib

from . import _core


def report(chain, path="report.html", analyses=None, budget=None, objective=None):
    """Writes ``path``: one HTML page that opens offline with a map of the chain (sites by kind or
    tier, sized by throughput; lanes by mode, flows as widths; single points of failure, at-risk
    and disrupted sites ringed), charts (the chain by tier, stress timelines, the Monte Carlo loss
    distribution with VaR and CVaR, robustness curves, TTS against TTR, the sweep's top sites, the
    variants' KPIs, the strengthen frontier) and sortable tables.

    ``analyses``: the analyses shown (default: the scenario's list, else all; docs/outputs.md).
    ``budget`` / ``objective``: also plan which candidates to buy within this budget (default:
    ``settings.report``). The file is replaced whole, or not at all. Returns the path.
    Raises ValueError for an unknown analysis or objective, or a negative budget."""
    path = pathlib.Path(os.fspath(path))
    _core._report(chain._core, str(path), [str(a) for a in (analyses or [])],
                  None if budget is None else float(budget), "" if objective is None else str(objective))
    return path
