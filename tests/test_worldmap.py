"""The offline map's geometry: Natural Earth outlines decoded from TopoJSON, the fitted view, the graticule and
the placing of marks so none covers another."""

from __future__ import annotations

import math

from web import worldmap
from web.geomap import MARK_SPACING, MapEvent, place_marks


def test_country_outlines_decode_to_degrees_around_their_real_place():
    azerbaijan = next(country for country in worldmap.countries() if country.name == "Azerbaijan")
    west, south, east, north = azerbaijan.bbox
    assert 44 < west < 45.5 and 50 < east < 51 and 38 < south < 39.5 and 41.5 < north < 42.5


def test_the_view_encloses_the_places_with_a_margin_and_keeps_a_sane_height():
    places = [(46.7488, 39.7581), (37.6156, 55.7522)]
    view = worldmap.fit(places)
    for lon, lat in places:
        assert 0 < view.x(lon) < worldmap.WIDTH and 0 < view.y(lat) < view.height
    assert worldmap.MIN_HEIGHT <= view.height <= worldmap.MAX_HEIGHT


def test_one_place_gets_a_regional_view_not_a_point():
    view = worldmap.fit([(46.5461, 39.6398)])
    assert view.east - view.west >= worldmap.MIN_SPAN_DEGREES


def test_north_is_up_and_east_is_right():
    view = worldmap.fit([(40.0, 40.0), (50.0, 45.0)])
    assert view.x(50) > view.x(40) and view.y(45) < view.y(40)


def test_outlines_in_view_are_drawn_and_the_rest_left_out():
    view = worldmap.fit([(46.7488, 39.7581)])
    names = {name for name, _ in worldmap.outline_paths(view)}
    assert {"Azerbaijan", "Armenia"} <= names
    assert "Brazil" not in names


def test_graticule_lines_are_round_degrees_labelled_by_hemisphere():
    meridians, parallels = worldmap.graticule(worldmap.fit([(46.0, 39.5), (48.0, 40.5)]))
    assert meridians and parallels
    assert all(label.endswith(("E", "W", "°")) for _, label in meridians)
    assert all(label.endswith(("N", "S", "°")) for _, label in parallels)


def test_marks_of_close_or_shared_places_do_not_cover_each_other():
    events = [MapEvent(f"https://example.org/e{index}", "capture", place, lat, 46.75, None, ())
              for index, (place, lat) in enumerate([("a", 39.75), ("a", 39.75), ("b", 39.76), ("a", 39.75)])]
    view = worldmap.fit([(46.75, 39.75)])
    marks = place_marks(events, view)
    for index, mark in enumerate(marks):
        for other in marks[index + 1:]:
            assert math.hypot(mark.x - other.x, mark.y - other.y) >= MARK_SPACING


def test_the_view_never_goes_past_the_antimeridian():
    view = worldmap.fit([(-170.0, -50.0), (175.0, 70.0)])
    assert -180 <= view.west and view.east <= 180
