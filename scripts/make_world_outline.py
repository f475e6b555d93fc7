"""Writes lib/assets/world_outline.json: the report's offline base map.

The source is Natural Earth's 1:110m countries (public domain) as Debian's python3-geopandas ships it
(geopandas.datasets 'naturalearth_lowres'). The land is dissolved into one outline, simplified and
its coordinates rounded, so the report stays small. Run it with /usr/bin/python3 when the outline
should change; the build embeds the committed file.
"""
import json
import sys

import geopandas
from shapely.geometry import mapping

TOLERANCE_DEG = 0.15   # simplification; ~15 km, invisible at the zoom a chain map opens at
DIGITS = 2             # ~1 km


def rounded(coords):
    if isinstance(coords[0], (float, int)):
        return [round(coords[0], DIGITS), round(coords[1], DIGITS)]
    return [rounded(c) for c in coords]


def main(out_path):
    world = geopandas.read_file(geopandas.datasets.get_path("naturalearth_lowres"))
    land = world.geometry.buffer(0).unary_union.simplify(TOLERANCE_DEG, preserve_topology=True)
    geom = mapping(land)
    feature = {"type": "Feature", "properties": {"source": "Natural Earth 1:110m (public domain)"},
               "geometry": {"type": geom["type"], "coordinates": rounded(geom["coordinates"])}}
    with open(out_path, "w") as f:
        json.dump({"type": "FeatureCollection", "features": [feature]}, f, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "lib/assets/world_outline.json")
