"""``GET /map``: agreements' signing places, transferred and captured places on an offline map.

Events are read from the store (query executor) with the coordinates of their place
(``geo:lat``/``geo:long``, WGS84): an agreement at its ``ckg:location``, a transfer or a
capture at its ``ckg:territory``. Filters are query parameters, so every view has a URL
and works without script: ``conflict`` (a conflict's slug), ``from``/``to`` (dates, an
event counts when its date lies in the range) and ``kind`` (repeatable: ``agreement``,
``transfer``, ``capture``). The map itself is SVG drawn by the server (``web/worldmap.py``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox
from flask import Blueprint, Response, request

from graph.namespaces import CKG, GRAPH_FACTS, RES, sparql_prefixes
from graph.tables import Names
from graph.terms import select
from web import worldmap
from web.engine import Engine
from web.linkeddata import TIMELINE_KINDS
from web.pages import Labels, _page, _run, preferred_languages

blueprint = Blueprint("map", __name__)

KINDS = tuple(TIMELINE_KINDS)
# Where each kind of event is put: its signing place, or the territory it is about.
PLACE_OF = {"agreement": "location", "transfer": "territory", "capture": "territory"}
PLACES = sparql_prefixes() + f"""
SELECT ?event ?class ?place ?lat ?long WHERE {{
  VALUES (?class ?role) {{ {" ".join(f"(<{iri}> ckg:{PLACE_OF[kind]})" for kind, classes in TIMELINE_KINDS.items()
                                     for iri in classes)} }}
  GRAPH <{GRAPH_FACTS}> {{ ?event a ?class ; ?role ?place }}
  GRAPH ?g1 {{ ?place geo:lat ?lat }}
  GRAPH ?g2 {{ ?place geo:long ?long }}
}}"""
DATE_PROPERTIES = (ox.NamedNode(str(CKG.signingDate)), ox.NamedNode(str(CKG.date)))
PART_OF = ox.NamedNode(str(CKG.partOfConflict))
FACTS = ox.NamedNode(str(GRAPH_FACTS))
# Marks closer than this (SVG units) would cover each other; rings of spots around a place to try.
MARK_SPACING = 20
MAX_RINGS = 6
# Estimated width of one character of a place name (12 px sans-serif), to keep names apart.
LABEL_CHAR_WIDTH = 6.6


@dataclass(frozen=True)
class MapEvent:
    """An event at a place with coordinates."""

    iri: str
    kind: str
    place: str
    lat: float
    long: float
    date: str | None
    conflicts: tuple[str, ...]


def map_events(engine: Engine, version: tuple[str, int]) -> tuple[list[MapEvent], dict[str, dict[str, str]]]:
    """Every agreement, transfer and capture whose place has coordinates, with the labels the page shows."""
    store = engine.reader(version)
    kind_of = {str(iri): kind for kind, classes in TIMELINE_KINDS.items() for iri in classes}
    found: dict[tuple[str, str], MapEvent] = {}
    for row in select(store, PLACES):
        try:
            lat, long = float(row["lat"].value), float(row["long"].value)
        except ValueError:
            continue
        if not (-90 <= lat <= 90 and -180 <= long <= 180):
            continue
        event = row["event"]
        key = (event.value, row["place"].value)
        if key in found:
            continue
        dates = [quad.object.value for predicate in DATE_PROPERTIES
                 for quad in store.quads_for_pattern(event, predicate, None, FACTS)]
        conflicts = tuple(sorted(quad.object.value for quad in store.quads_for_pattern(event, PART_OF, None, FACTS)))
        found[key] = MapEvent(event.value, kind_of[row["class"].value], row["place"].value, lat, long,
                              dates[0] if dates else None, conflicts)
    events = sorted(found.values(), key=lambda event: (event.date or "9999", event.kind, event.iri))
    names = Names(store)
    mentioned = {iri for event in events for iri in (event.iri, event.place, *event.conflicts)}
    return events, {iri: names.labels(iri) for iri in mentioned}


def _first_day(text: str) -> date | None:
    """The first day a date names (``2020``, ``2020-11``, ``2020-11-09``, a dateTime), None when unreadable."""
    parts = (text[:10].split("-") + ["01", "01"])[:3]
    try:
        return date(int(parts[0]), int(parts[1] or 1), int(parts[2][:2] or 1))
    except ValueError:
        return None


@dataclass(frozen=True)
class Selection:
    """The filters of a request."""

    conflict: str
    start: date | None
    end: date | None
    kinds: tuple[str, ...]

    @classmethod
    def from_request(cls) -> Selection:
        kinds = tuple(kind for kind in request.args.getlist("kind") if kind in KINDS) or KINDS
        conflict = request.args.get("conflict", "").strip()
        return cls(conflict, _first_day(request.args.get("from", "")), _first_day(request.args.get("to", "")), kinds)

    def keeps(self, event: MapEvent) -> bool:
        if event.kind not in self.kinds:
            return False
        if self.conflict and str(RES) + self.conflict not in event.conflicts and self.conflict not in event.conflicts:
            return False
        if self.start or self.end:
            day = _first_day(event.date or "")
            if day is None or (self.start and day < self.start) or (self.end and day > self.end):
                return False
        return True


@dataclass(frozen=True)
class Mark:
    """An event drawn on the map; ``number`` ties it to the list."""

    number: int
    event: MapEvent
    x: float
    y: float
    place_x: float
    place_y: float


def _free_spots(x: float, y: float) -> Iterator[tuple[float, float]]:
    """The place itself, then points on widening rings around it."""
    yield x, y
    for ring in range(1, MAX_RINGS + 1):
        count = 6 * ring
        for step in range(count):
            angle = 2 * math.pi * step / count - math.pi / 2
            radius = MARK_SPACING * ring
            yield round(x + radius * math.cos(angle), 1), round(y + radius * math.sin(angle), 1)


def place_marks(events: list[MapEvent], view: worldmap.View) -> list[Mark]:
    """Marks at their places; a mark that would cover another moves to the nearest free spot around its place
    (drawn with a leader line to it), so every mark stays visible and clickable."""
    marks: list[Mark] = []
    # Marks by grid cell of MARK_SPACING, so a spot is checked against its neighbours only.
    grid: dict[tuple[int, int], list[Mark]] = {}

    def free(spot_x: float, spot_y: float) -> bool:
        column, row = int(spot_x // MARK_SPACING), int(spot_y // MARK_SPACING)
        return all(math.hypot(spot_x - mark.x, spot_y - mark.y) >= MARK_SPACING
                   for dx in (-1, 0, 1) for dy in (-1, 0, 1) for mark in grid.get((column + dx, row + dy), ()))

    for number, event in enumerate(events, start=1):
        x, y = view.x(event.long), view.y(event.lat)
        spot_x, spot_y = next((spot for spot in _free_spots(x, y) if free(*spot)), (x, y))
        mark = Mark(number, event, spot_x, spot_y, x, y)
        marks.append(mark)
        grid.setdefault((int(spot_x // MARK_SPACING), int(spot_y // MARK_SPACING)), []).append(mark)
    return marks


@dataclass(frozen=True)
class PlaceLabel:
    """A place's name on the map, put where it covers the fewest marks and other names."""

    place: str
    text: str
    language: str | None
    x: float
    y: float
    anchor: str


Box = tuple[float, float, float, float]


def _label_box(x: float, y: float, anchor: str, width: float) -> Box:
    """The box a 12 px label takes, anchored at its start or its end."""
    return (x, y - 11, x + width, y + 3) if anchor == "start" else (x - width, y - 11, x, y + 3)


class BoxIndex:
    """Boxes already drawn, by grid cell, so a new box is compared with its neighbours only."""

    CELL = 48.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def _cells(self, box: Box) -> Iterator[tuple[int, int]]:
        for column in range(int(box[0] // self.CELL), int(box[2] // self.CELL) + 1):
            for row in range(int(box[1] // self.CELL), int(box[3] // self.CELL) + 1):
                yield column, row

    def add(self, box: Box) -> None:
        for cell in self._cells(box):
            self.cells.setdefault(cell, []).append(box)

    def overlap(self, box: Box) -> float:
        """The area of ``box`` covered by the boxes added so far."""
        others = {other for cell in self._cells(box) for other in self.cells.get(cell, ())}
        return sum(max(0.0, min(box[2], other[2]) - max(box[0], other[0]))
                   * max(0.0, min(box[3], other[3]) - max(box[1], other[1])) for other in others)


def place_labels(marks: list[Mark], labels: Labels) -> list[PlaceLabel]:
    """One label per place, beside its marks: right or left, below or above, whichever overlaps least."""
    drawn = BoxIndex()
    for mark in marks:
        drawn.add((mark.x - 8, mark.y - 8, mark.x + 8, mark.y + 8))
    by_place: dict[str, list[Mark]] = {}
    for mark in marks:
        by_place.setdefault(mark.event.place, []).append(mark)
    placed: list[PlaceLabel] = []
    for place, group in by_place.items():
        text, language = labels(place)
        width = LABEL_CHAR_WIDTH * len(text)
        right, left = max(mark.x for mark in group) + 11, min(mark.x for mark in group) - 11
        below, above = max(mark.y for mark in group) + 16, min(mark.y for mark in group) - 9
        options = [(right, below, "start"), (right, above, "start"), (left, below, "end"), (left, above, "end")]
        x, y, anchor = min(options, key=lambda option: drawn.overlap(_label_box(*option, width)))
        drawn.add(_label_box(x, y, anchor, width))
        placed.append(PlaceLabel(place, text, language, x, y, anchor))
    return placed


@blueprint.get("/map")
def map_page() -> Response:
    """The map of the selected events, the filter form, and the same events as a list."""
    events, labels = _run(map_events)
    selection = Selection.from_request()
    shown = [event for event in events if selection.keeps(event)]
    view = worldmap.fit([(event.long, event.lat) for event in shown])
    meridians, parallels = worldmap.graticule(view)
    conflicts = sorted({conflict for event in events for conflict in event.conflicts})
    places = {event.place: (view.x(event.long), view.y(event.lat)) for event in shown}
    labels = Labels(labels, preferred_languages())
    marks = place_marks(shown, view)
    html = _page(
        "map.html",
        labels,
        view=view,
        width=worldmap.WIDTH,
        outlines=worldmap.outline_paths(view),
        meridians=meridians,
        parallels=parallels,
        marks=marks,
        places=places,
        place_labels=place_labels(marks, labels),
        conflicts=conflicts,
        selection=selection,
        kinds=KINDS,
        resource_namespace=str(RES),
    )
    response = Response(html, mimetype="text/html")
    response.vary.add("Accept-Language")
    return response
