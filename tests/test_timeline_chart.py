"""The timeline's geometry (web/pages.py): date axis, broken axis for distant events, marks that do not overlap."""

from __future__ import annotations

from web.linkeddata import TimelineEvent
from web.timeline import MARK_SPACING, timeline_chart


def event(slug: str, kind: str, date: str) -> TimelineEvent:
    return TimelineEvent(f"https://w3id.org/conflict-kg/resource/{slug}", kind, date, None)


def test_marks_follow_the_dates_and_distant_years_get_their_own_axis_segment() -> None:
    events = [
        event("capture-1992", "capture", "1992"),
        event("ceasefire", "agreement", "2020-10-10"),
        event("capture-a", "capture", "2020-11-08"),
        event("armistice", "agreement", "2020-11-09"),
        event("transfer", "transfer", "2020-12"),
    ]
    chart = timeline_chart(events)
    xs = [mark.x for mark in chart["marks"]]
    assert xs == sorted(xs)
    assert len(chart["segments"]) == 2
    (_, first_end), (second_start, _) = chart["segments"]
    assert first_end < second_start
    labels = [text for _, text in chart["ticks"] if text]
    assert labels == ["1992-01", "2020-10", "2020-11", "2020-12", "2021-01"]


def test_events_close_together_in_one_lane_do_not_overlap() -> None:
    events = [event(f"capture-{day}", "capture", f"2020-11-{day:02d}") for day in range(1, 6)]
    marks = timeline_chart(events)["marks"]
    for index, mark in enumerate(marks):
        for other in marks[index + 1:]:
            assert abs(mark.x - other.x) >= MARK_SPACING or mark.y != other.y


def test_no_dated_events_give_an_empty_chart() -> None:
    assert timeline_chart([event("undated", "agreement", "sometime")])["marks"] == []
