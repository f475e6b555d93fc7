"""The Chain: a loaded, validated, immutable supply chain, with its tables as DataFrames."""
import difflib
import json
import math
import warnings

import numpy as np
import pandas as pd

from . import _core
from ._errors import Diagnostic

SITE_KINDS = ["supplier", "plant", "warehouse", "port", "market"]
MODES = ["road", "rail", "sea", "air", "inland_water", "pipeline"]

# Scenario keys that from_frames() takes as tables, and the ones it takes as plain values.
TABLE_KEYS = ("products", "sites", "hubs", "supplies", "lanes", "bom", "capacities", "stocks",
              "demands", "recipes")
VALUE_KEYS = ("name", "description", "units", "settings", "disruptions", "montecarlo", "analyses")
# Columns the DataFrames of a Chain carry that are derived, not written in a scenario.
DERIVED_COLUMNS = {"supplies": ("share_effective",)}
# The columns of each table in the scenario format (docs/scenario-format.md).
TABLE_COLUMNS = {
    "products": ("id", "name", "value"),
    "sites": ("id", "name", "firm", "kind", "region", "lat", "lon", "ttr", "tags"),
    "hubs": ("id", "name", "region", "lat", "lon"),
    "supplies": ("from", "to", "product", "capacity", "share", "lead_time"),
    "lanes": ("from", "to", "mode", "distance_km", "cost", "time_h", "capacity", "co2"),
    "bom": ("product", "input", "quantity"),
    "capacities": ("site", "product", "capacity", "cost", "co2"),
    "stocks": ("site", "product", "quantity"),
    "demands": ("site", "product", "quantity"),
    "recipes": ("site", "product", "input", "quantity"),
}
# Names people use for those columns.
_SYNONYMS = {"latitude": "lat", "longitude": "lon", "lng": "lon", "long": "lon", "source": "from",
             "target": "to", "destination": "to", "dest": "to", "qty": "quantity", "leadtime": "lead_time",
             "lead": "lead_time", "distance": "distance_km", "km": "distance_km", "hours": "time_h",
             "time": "time_h", "price": "value", "material": "product", "item": "product"}


class Chain:
    """A supply chain loaded from a scenario (``chainnet.load``) or from DataFrames
    (``Chain.from_frames``). Tables come back as pandas DataFrames; numbers in the scenario's units.
    """

    def __init__(self, core):
        self._core = core
        self._cache = {}

    # -- construction ------------------------------------------------------------------------
    @classmethod
    def from_frames(cls, products=None, sites=None, hubs=None, supplies=None, lanes=None, bom=None,
                    capacities=None, stocks=None, demands=None, recipes=None, _sources=None, **values):
        """Builds a chain from DataFrames with the columns of the scenario format's CSV tables
        (the same validation as ``load``; errors raise ``ScenarioError`` whose positions count
        rows as a CSV file would: the header is line 1, the first row line 2).

        DataFrames indexed by ``id`` (as ``Chain.sites`` is) are accepted as they are; derived
        columns that ``Chain`` adds (``share_effective``) are ignored. Other scenario keys
        (``name``, ``description``, ``units``, ``settings``, ``disruptions``, ``montecarlo``,
        ``analyses``) are given as plain Python values, as in the YAML file.
        """
        frames = dict(products=products, sites=sites, hubs=hubs, supplies=supplies, lanes=lanes,
                      bom=bom, capacities=capacities, stocks=stocks, demands=demands,
                      recipes=recipes)
        unknown = set(values) - set(VALUE_KEYS)
        if unknown:
            raise TypeError(f"from_frames() got unexpected arguments {sorted(unknown)}; "
                            f"tables: {', '.join(TABLE_KEYS)}; values: {', '.join(VALUE_KEYS)}")
        doc = {"chainnet": 1}
        doc.update({k: v for k, v in values.items() if v is not None})
        tables = {}
        for key, frame in frames.items():
            if frame is None:
                continue
            tables[key] = _frame_to_table(key, frame, (_sources or {}).get(key))
        return cls(_core._load_tables(json.dumps(doc), tables))

    # -- scalars -----------------------------------------------------------------------------
    @property
    def name(self):
        return self._core.name

    @property
    def description(self):
        return self._core.description

    @property
    def units(self):
        return self._core.units

    @property
    def settings(self):
        return self._core.settings

    @property
    def disruptions(self):
        """The scenario's disruptions, as written in its ``disruptions:`` list (list of dicts)."""
        return json.loads(self._core._scenario_json("disruptions")) or []

    @property
    def montecarlo(self):
        """The scenario's ``montecarlo:`` block (a dict), or None."""
        return json.loads(self._core._scenario_json("montecarlo"))

    @property
    def variants(self):
        """The scenario's variants, as written (list of dicts with id, name, base, changes)."""
        return json.loads(self._core._scenario_json("variants")) or []

    @property
    def candidates(self):
        """The scenario's candidate actions for ``cn.strengthen``, as written (list of dicts)."""
        return json.loads(self._core._scenario_json("candidates")) or []

    # -- variants ----------------------------------------------------------------------------
    def variant(self, id):
        """The scenario variant ``id`` applied: a new Chain (this one is unchanged). Raises
        ScenarioError naming the change at fault, ValueError for an unknown id."""
        return Chain(self._core._variant(str(id)))

    def edit(self, changes):
        """A new Chain with ``changes`` applied in order (this one is unchanged). Each change is
        a dict as in a scenario variant, e.g. ``{"table": "stocks", "action": "scale",
        "where": {"product": "cobalt_hydroxide"}, "column": "quantity", "factor": 2}``. The
        result keeps this chain's variants. Raises ScenarioError naming the change at fault
        (``<edit>`` line k is change k, from 1)."""
        if isinstance(changes, dict):
            changes = [changes]
        texts = []
        for c in changes:
            if not isinstance(c, dict):
                raise TypeError(f"a change is a dict, not {type(c).__name__}")
            texts.append(json.dumps(c, default=_json_default))
        return Chain(self._core._edit(texts, True))

    @property
    def warnings(self):
        """Warnings found while loading (each a Diagnostic with file, line, column, message)."""
        return [Diagnostic(**d) for d in self._core.warnings]

    # -- tables ------------------------------------------------------------------------------
    def _frame(self, key, build):
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key].copy()

    @property
    def products(self):
        """Products indexed by id: name, value."""
        return self._frame("products", lambda: pd.DataFrame(self._core._products()).set_index("id"))

    @property
    def sites(self):
        """Sites indexed by id: name, firm, kind (categorical), region, lat, lon, ttr, tags."""
        def build():
            df = pd.DataFrame(self._core._sites()).set_index("id")
            df["kind"] = pd.Categorical(df["kind"], categories=SITE_KINDS)
            return df
        return self._frame("sites", build)

    @property
    def hubs(self):
        """Hubs indexed by id: name, region, lat, lon."""
        return self._frame("hubs", lambda: pd.DataFrame(self._core._hubs()).set_index("id"))

    @property
    def supplies(self):
        """Supplies in scenario order: from, to, product, capacity (inf = unlimited), share (as
        written, NaN when not given), share_effective (with defaults resolved), lead_time."""
        return self._frame("supplies", lambda: pd.DataFrame(self._core._supplies()))

    @property
    def lanes(self):
        """Lanes in scenario order: from, to, mode (categorical), distance_km, cost, time_h,
        capacity (inf = unlimited), co2."""
        def build():
            df = pd.DataFrame(self._core._lanes())
            df["mode"] = pd.Categorical(df["mode"], categories=MODES)
            return df
        return self._frame("lanes", build)

    @property
    def bom(self):
        """Bills of materials: product, input, quantity (input units per output unit)."""
        return self._frame("bom", lambda: pd.DataFrame(self._core._bom()))

    @property
    def capacities(self):
        """Production lines: site, product, capacity, cost, co2."""
        return self._frame("capacities", lambda: pd.DataFrame(self._core._capacities()))

    @property
    def recipes(self):
        """Sites' own recipes (replacing the product's BOM there): site, product, input, quantity."""
        return self._frame("recipes", lambda: pd.DataFrame(self._core._recipes()))

    @property
    def stocks(self):
        """Stock at period 0: site, product, quantity."""
        return self._frame("stocks", lambda: pd.DataFrame(self._core._stocks()))

    @property
    def demands(self):
        """Demand per period: site, product, quantity."""
        return self._frame("demands", lambda: pd.DataFrame(self._core._demands()))

    # -- analyses ----------------------------------------------------------------------------
    def info(self):
        """The same dictionary as ``chainnet info --json``."""
        return json.loads(self._core._info_json())

    def to_networkx(self):
        """The supply graph as a networkx MultiDiGraph: one node per site (attributes kind,
        region, firm, lat, lon, name) and one edge per supply, keyed by its index in
        ``supplies`` (attributes product, capacity, share, lead_time)."""
        import networkx as nx
        g = nx.MultiDiGraph(name=self.name)
        sites = self.sites
        for sid, row in zip(sites.index, sites.itertuples(index=False)):
            g.add_node(sid, kind=row.kind, region=row.region, firm=row.firm, lat=row.lat,
                       lon=row.lon, name=row.name)
        s = self.supplies
        for i, (a, b, p, cap, share, lt) in enumerate(zip(s["from"], s["to"], s["product"],
                                                          s["capacity"], s["share_effective"],
                                                          s["lead_time"])):
            g.add_edge(a, b, key=i, product=p, capacity=float(cap), share=float(share),
                       lead_time=int(lt))
        return g

    def to_geojson(self, path=None, join=()):
        """The chain as GeoJSON (RFC 7946): sites and hubs as Points ([lon, lat]), supplies and
        lanes as LineStrings, every attribute a property (docs/outputs.md, "export"). ``join``:
        results added as properties, "flow" (planned flow, throughput) and "survival" (tts,
        performance impact, at risk). Returns the FeatureCollection as a dict; with ``path``
        writes it there instead and returns the path (``geopandas.read_file(path)`` reads it;
        no dict is made, which matters for a million sites)."""
        if path is not None:
            self._write_export("geojson", path, join)
            return path
        return json.loads(self._core._export("geojson", list(join)))

    def to_graphml(self, path, join=()):
        """Writes the chain as GraphML (a directed multigraph: sites and hubs, then supplies and
        lanes as edges, typed attributes) for networkx, igraph, Gephi or yEd."""
        self._write_export("graphml", path, join)

    def to_gexf(self, path, join=()):
        """Writes the chain as GEXF 1.2 (Gephi)."""
        self._write_export("gexf", path, join)

    def to_dot(self, path, join=()):
        """Writes the chain as a graphviz DOT digraph (``dot -Tsvg`` draws it)."""
        self._write_export("dot", path, join)

    def _write_export(self, fmt, path, join):
        self._core._export_file(fmt, list(join), str(path))

    def write(self, folder):
        """Writes the chain as ``folder/scenario.yaml`` plus CSV tables; returns the paths."""
        return self._core._write(str(folder))

    def __repr__(self):
        return (f"<chainnet.Chain {self.name!r}: {self._core.num_products} products, "
                f"{self._core.num_sites} sites, {self._core.num_supplies} supplies, "
                f"{self._core.num_lanes} lanes>")


def _json_default(x):
    if isinstance(x, np.integer):
        return int(x)
    if isinstance(x, np.floating):
        return float(x)
    if isinstance(x, np.ndarray):
        return x.tolist()
    raise TypeError(f"cannot write {type(x).__name__} in a change")


def _cell(x):
    """A DataFrame cell as scenario text: '' for missing (None, NaN, infinite = unlimited)."""
    if x is None:
        return ""
    if isinstance(x, (list, tuple, set, np.ndarray)):
        return ";".join(str(t) for t in x)
    if isinstance(x, (float, np.floating)):
        return "" if not math.isfinite(x) else repr(float(x))
    if isinstance(x, (bool, np.bool_)):
        return "true" if x else "false"
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    return str(x)


def _frame_to_table(key, frame, source=None):
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{key} must be a pandas DataFrame, not {type(frame).__name__}")
    df = frame
    if df.index.name == "id" and "id" not in df.columns:
        df = df.reset_index()
    drop = [c for c in DERIVED_COLUMNS.get(key, ()) if c in df.columns]
    if drop:
        df = df.drop(columns=drop)
    known = TABLE_COLUMNS.get(key, ())
    extra = [c for c in df.columns if str(c) not in known]
    for c in extra:
        name = str(c)
        hint = _SYNONYMS.get(name.lower().replace(" ", "_"))
        if hint is None or hint not in known:
            close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
            hint = close[0] if close else None
        warnings.warn(f"{key}: column {name!r} is not a column of the {key} table and is ignored"
                      + (f" (did you mean {hint!r}?)" if hint else f"; its columns are {', '.join(known)}"),
                      stacklevel=4)
    if extra:
        df = df.drop(columns=extra)
    columns = [str(c) for c in df.columns]
    cells = [[_cell(x) for x in df[c].tolist()] for c in df.columns]
    return (source or f"<{key}>", columns, cells)
