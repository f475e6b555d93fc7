"""``cn.read_excel``: a chain from a workbook with one sheet per table."""
import os
import warnings

from ._chain import TABLE_KEYS, Chain


def read_excel(path, **values):
    """Reads a workbook (.xlsx) whose sheets are the scenario format's tables: ``products``,
    ``sites``, ``hubs``, ``supplies``, ``lanes``, ``bom``, ``capacities``, ``stocks``,
    ``demands``, ``recipes`` (names case-insensitive; the columns of the CSV tables, the first
    row naming them). Other sheets are ignored with a warning. Cells are read as text, as a CSV
    file would be; empty columns and rows left at the end by the spreadsheet are dropped. The
    other scenario keys (``name``, ``settings``, ``disruptions``, ...) are given as keyword
    arguments, as to ``Chain.from_frames``. Errors raise ``ScenarioError`` with positions
    ``BOOK.xlsx[sheet]:LINE:COLUMN`` (the header is line 1). Needs openpyxl (Debian's
    python3-openpyxl)."""
    import pandas as pd
    path = os.fspath(path)
    try:
        sheets = pd.read_excel(path, sheet_name=None, dtype=str, engine="openpyxl")
    except ImportError as e:
        raise ImportError("cn.read_excel needs openpyxl (Debian: apt-get install python3-openpyxl)") from e
    frames, sources = {}, {}
    for name, frame in sheets.items():
        key = str(name).strip().lower()
        if key not in TABLE_KEYS:
            warnings.warn(f"{path}: sheet {name!r} is not a table of the scenario format and is ignored "
                          f"(tables: {', '.join(TABLE_KEYS)})", stacklevel=2)
            continue
        if key in frames:
            raise ValueError(f"{path}: two sheets name the {key} table")
        # Spreadsheets keep formatted but empty columns ("Unnamed: 7") and rows at the end.
        keep = [c for c in frame.columns if not (str(c).startswith("Unnamed:") and frame[c].isna().all())]
        frame = frame[keep]
        filled = frame.notna().any(axis=1)
        last = filled[filled].index.max() if filled.any() else -1
        frame = frame.loc[:last] if last >= 0 else frame.iloc[0:0]
        frames[key] = frame.rename(columns=lambda c: str(c).strip())
        sources[key] = f"{path}[{name}]"
    return Chain.from_frames(**frames, _sources=sources, **values)
