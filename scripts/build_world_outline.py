"""Build the offline world outline the web app's map draws on (src/storyline/web/static/world.svg).

Source: Natural Earth 1:110m admin-0 countries (public domain), as shipped in the geopandas 0.14
wheel on PyPI (``geopandas/datasets/naturalearth_lowres``). Read with pyshp. Neither package is a
dependency of Storyline: run this once, in a throwaway environment, to rebuild the file:

    python -m venv /tmp/outline && /tmp/outline/bin/pip install pyshp
    pip download --no-deps -d /tmp/outline geopandas==0.14.4
    /tmp/outline/bin/python scripts/build_world_outline.py /tmp/outline/geopandas-0.14.4-py3-none-any.whl

The SVG uses plain longitude/latitude (equirectangular): x = lon, y = -lat, viewBox -180 -90 360 180,
coordinates rounded to 0.1 degree, one path for all land. The output is byte-identical for one input.
"""

from __future__ import annotations

import argparse
import io
import zipfile
from pathlib import Path

import shapefile  # pyshp

OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "web" / "static" / "world.svg"
BASE = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"


def rings(wheel: Path) -> list[list[tuple[float, float]]]:
    with zipfile.ZipFile(wheel) as z:
        files = {ext: io.BytesIO(z.read(f"{BASE}.{ext}")) for ext in ("shp", "shx", "dbf")}
    reader = shapefile.Reader(**files)
    found = []
    for shape in reader.shapes():
        starts = [*shape.parts, len(shape.points)]
        for a, b in zip(starts, starts[1:]):
            found.append([(x, y) for x, y in shape.points[a:b]])
    return found


def path_data(ring: list[tuple[float, float]]) -> str:
    points: list[str] = []
    for x, y in ring:
        p = f"{round(x, 1):g} {round(-y, 1):g}"
        if not points or points[-1] != p:
            points.append(p)
    return "M" + "L".join(points) + "Z" if len(points) > 2 else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="geopandas 0.14 wheel holding naturalearth_lowres")
    args = parser.parse_args()
    d = "".join(path_data(r) for r in rings(args.wheel))
    OUT.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-180 -90 360 180">'
        "<!-- Natural Earth 1:110m countries, public domain (naturalearthdata.com) -->"
        f'<path fill="#cfd8cf" stroke="#8a978a" stroke-width="0.15" d="{d}"/></svg>\n', encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
