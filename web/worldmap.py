"""An offline map drawn as SVG: country outlines from Natural Earth (vendored TopoJSON), a graticule, and places.

No tiles and no script: the server projects longitude/latitude onto the page with an
equirectangular projection whose horizontal scale is the cosine of the view's middle
latitude (true shapes near the places shown), fitted to the places with a margin.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

WIDTH = 960
MIN_HEIGHT, MAX_HEIGHT = 380, 620
# Margin around the places (degrees, and a share of the span), and the narrowest view.
MARGIN_DEGREES = 0.6
MARGIN_SHARE = 0.12
MIN_SPAN_DEGREES = 3.0
GRATICULE_STEPS = (0.5, 1, 2, 5, 10, 15, 30)
GRATICULE_LINES = 6
# Points of an outline closer than this (SVG units) to the last one drawn are dropped.
MIN_SEGMENT = 0.6
OUTLINES = "static/world-atlas/countries-50m.json"
# Corners of the view when there is no place to show.
WORLD = ((-170.0, -55.0), (170.0, 75.0))

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Country:
    """A country's outline: its name and rings of (longitude, latitude), with their bounding box."""

    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    bbox: tuple[float, float, float, float]  # west, south, east, north


def _decode_arcs(topology: dict) -> list[Ring]:
    """TopoJSON arcs in degrees: delta-decoded, then scaled and translated."""
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def _ring(arcs: list[Ring], indexes: list[int]) -> Ring:
    """A ring from arc indexes (``~i``: arc i reversed); each arc after the first repeats its start point."""
    points: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


@cache
def countries() -> tuple[Country, ...]:
    """Every country outline of the vendored Natural Earth topology."""
    topology = json.loads(files("web").joinpath(OUTLINES).read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(
            geometry["type"], [])
        rings = tuple(tuple(_ring(arcs, ring)) for polygon in polygons for ring in polygon)
        points = [point for ring in rings for point in ring]
        if not points:
            continue
        lons, lats = [lon for lon, _ in points], [lat for _, lat in points]
        name = (geometry.get("properties") or {}).get("name", "")
        found.append(Country(name, rings, (min(lons), min(lats), max(lons), max(lats))))
    return tuple(found)


@dataclass(frozen=True)
class View:
    """The part of the world shown and its projection onto an SVG of ``WIDTH`` × ``height``."""

    west: float
    south: float
    east: float
    north: float
    height: float

    @property
    def scale(self) -> float:
        return WIDTH / ((self.east - self.west) * self.aspect)

    @property
    def aspect(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    def x(self, lon: float) -> float:
        return round((lon - self.west) * self.aspect * self.scale, 1)

    def y(self, lat: float) -> float:
        return round((self.north - lat) * self.scale, 1)

    def shows(self, bbox: tuple[float, float, float, float]) -> bool:
        west, south, east, north = bbox
        return east >= self.west and west <= self.east and north >= self.south and south <= self.north


def fit(points: list[tuple[float, float]]) -> View:
    """The view enclosing (longitude, latitude) points with a margin, its height within the allowed range."""
    if not points:
        return fit(list(WORLD))
    lons, lats = [lon for lon, _ in points], [lat for _, lat in points]
    margin = max(MARGIN_DEGREES, MARGIN_SHARE * max(max(lons) - min(lons), max(lats) - min(lats)))
    west, east = min(lons) - margin, max(lons) + margin
    south, north = max(-85.0, min(lats) - margin), min(85.0, max(lats) + margin)
    if east - west < MIN_SPAN_DEGREES:
        middle = (east + west) / 2
        west, east = middle - MIN_SPAN_DEGREES / 2, middle + MIN_SPAN_DEGREES / 2
    if north - south < MIN_SPAN_DEGREES / 2:
        middle = (north + south) / 2
        south, north = middle - MIN_SPAN_DEGREES / 4, middle + MIN_SPAN_DEGREES / 4
    aspect = math.cos(math.radians((south + north) / 2))
    height = WIDTH * (north - south) / ((east - west) * aspect)
    if height < MIN_HEIGHT:  # too flat: show more latitude
        extra = (MIN_HEIGHT / height - 1) * (north - south) / 2
        south, north = max(-85.0, south - extra), min(85.0, north + extra)
    elif height > MAX_HEIGHT:  # too tall: show more longitude
        extra = (height / MAX_HEIGHT - 1) * (east - west) / 2
        west, east = west - extra, east + extra
    # There is no more world east or west: a view that would need it gets taller instead.
    west, east = max(-180.0, west), min(180.0, east)
    # The drawing's height follows from the final bounds (the middle latitude may have moved).
    shape = View(west, south, east, north, 0.0)
    return View(west, south, east, north, round((north - south) * shape.scale, 1))


def outline_paths(view: View) -> list[tuple[str, str]]:
    """(country name, SVG path data) of every country in the view, simplified to the drawing's resolution."""
    paths = []
    for country in countries():
        if not view.shows(country.bbox):
            continue
        commands = []
        for ring in country.rings:
            last: tuple[float, float] | None = None
            previous_lon: float | None = None
            for lon, lat in ring:
                point = (view.x(lon), view.y(lat))
                # A jump across the antimeridian starts a new piece rather than a line across the map.
                jump = previous_lon is not None and abs(lon - previous_lon) > 180
                if last is None or jump:
                    commands.append(f"M{point[0]} {point[1]}")
                    last = point
                elif abs(point[0] - last[0]) + abs(point[1] - last[1]) >= MIN_SEGMENT:
                    commands.append(f"L{point[0]} {point[1]}")
                    last = point
                previous_lon = lon
            commands.append("Z")
        paths.append((country.name, "".join(commands)))
    return paths


def graticule(view: View) -> tuple[list[tuple[float, str]], list[tuple[float, str]]]:
    """Meridians (x, label) and parallels (y, label) at a round step giving a handful of lines."""
    span = max(view.east - view.west, view.north - view.south)
    step = next((step for step in GRATICULE_STEPS if span / step <= GRATICULE_LINES), GRATICULE_STEPS[-1])

    def lines(low: float, high: float) -> list[float]:
        first = math.ceil(low / step) * step
        return [round(first + i * step, 6) for i in range(int((high - first) // step) + 1)]

    def degrees(value: float, positive: str, negative: str) -> str:
        text = f"{abs(value):g}°"
        return text + (positive if value > 0 else negative if value < 0 else "")

    meridians = [(view.x(lon), degrees(lon, "E", "W")) for lon in lines(view.west, view.east)]
    parallels = [(view.y(lat), degrees(lat, "N", "S")) for lat in lines(view.south, view.north)]
    return meridians, parallels
