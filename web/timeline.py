"""The timeline's SVG geometry: one lane per kind of event, x from the date on an axis broken where events are
more than a year apart, marks moved off each other within their lane.

Pure computation: events in, a dict of positions out; ``templates/timeline.html`` draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from web.linkeddata import TimelineEvent

# Drawing sizes (SVG user units).
TIMELINE_KINDS = ("agreement", "transfer", "capture")
CHART_WIDTH, LANE_HEIGHT, MARGIN_LEFT, MARGIN_RIGHT, AXIS_HEIGHT = 960, 72, 170, 30, 40
MARK_ROWS = (0, -18, 18, -9, 9)
MARK_SPACING = 22
TICK_LABEL_WIDTH = 64
# Events further apart than this go on separate stretches of a broken axis.
AXIS_GAP_DAYS = 365
SEGMENT_GAP, MIN_SEGMENT_WIDTH = 28, 90


def _day(lexical: str) -> date | None:
    """The first day a date value names (xsd:date, dateTime, gYearMonth, gYear), None when unreadable."""
    parts = (lexical[:10].split("-") + ["01", "01"])[:3]
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
    except ValueError:
        return None


@dataclass(frozen=True)
class TimelineMark:
    """One event placed on the chart; ``number`` ties it to the text list."""

    number: int
    event: TimelineEvent
    day: date
    x: float
    y: float


def _axis(first: date, last: date) -> tuple[list[date], bool]:
    """Tick dates enclosing the events, and whether they are years: month starts for spans up to three years."""
    if (last - first).days > 3 * 365:
        return [date(year, 1, 1) for year in range(first.year, last.year + 2)], True
    ticks = [date(first.year, first.month, 1)]
    while ticks[-1] <= last:
        month = ticks[-1]
        ticks.append(date(month.year + month.month // 12, month.month % 12 + 1, 1))
    return ticks, False


@dataclass(frozen=True)
class AxisSegment:
    """A stretch of the date axis: events more than AXIS_GAP_DAYS apart are drawn on separate segments."""

    left: float
    width: float
    ticks: list[date]
    yearly: bool

    def x(self, day: date) -> float:
        span = (self.ticks[-1] - self.ticks[0]).days
        return round(self.left + self.width * (day - self.ticks[0]).days / span, 1)


def _segments(days: list[date]) -> list[AxisSegment]:
    """Cluster the event days and share the chart's width among the clusters (by event count, with a minimum)."""
    clusters: list[list[date]] = []
    for day in sorted(days):
        if clusters and (day - clusters[-1][-1]).days <= AXIS_GAP_DAYS:
            clusters[-1].append(day)
        else:
            clusters.append([day])
    usable = CHART_WIDTH - MARGIN_LEFT - MARGIN_RIGHT - SEGMENT_GAP * (len(clusters) - 1)
    spare = usable - MIN_SEGMENT_WIDTH * len(clusters)
    segments, left = [], float(MARGIN_LEFT)
    for cluster in clusters:
        width = MIN_SEGMENT_WIDTH + spare * len(cluster) / len(days)
        segments.append(AxisSegment(left, width, *_axis(cluster[0], cluster[-1])))
        left += width + SEGMENT_GAP
    return segments


def timeline_chart(events: list[TimelineEvent]) -> dict:
    """Geometry of the timeline SVG: one lane per kind, x from the date on a (possibly broken) axis."""
    dated = [(event, day) for event in events if (day := _day(event.date)) is not None]
    if not dated:
        return {"marks": []}
    segments = _segments([day for _, day in dated])

    def x_of(day: date) -> float:
        return next(segment for segment in segments if day <= segment.ticks[-1]).x(day)

    # A mark too close to one already in its lane moves to the next free row around the lane's middle.
    placed: dict[tuple[str, float], list[float]] = {}

    def free(kind: str, row: float, x: float) -> bool:
        return all(abs(x - other) >= MARK_SPACING for other in placed.get((kind, row), []))

    marks = []
    for number, (event, day) in enumerate(dated, start=1):
        lane, x = TIMELINE_KINDS.index(event.kind), x_of(day)
        offset = next((row for row in MARK_ROWS if free(event.kind, row, x)), MARK_ROWS[number % len(MARK_ROWS)])
        placed.setdefault((event.kind, offset), []).append(x)
        marks.append(TimelineMark(number, event, day, x, LANE_HEIGHT * lane + LANE_HEIGHT / 2 + offset))
    ticks = []
    for segment in segments:
        # Labels at least TICK_LABEL_WIDTH apart, so years or months never overprint each other; a segment's
        # closing tick stays unlabelled before a break, where the next segment's first label stands.
        every = max(1, -(-len(segment.ticks) * TICK_LABEL_WIDTH // int(segment.width)))
        closing = len(segment.ticks) - 1 if segment is not segments[-1] else None
        for index, day in enumerate(segment.ticks):
            labelled = index % every == 0 and index != closing
            ticks.append((segment.x(day), (str(day.year) if segment.yearly else f"{day:%Y-%m}") if labelled else ""))
    return {
        "marks": marks,
        "ticks": ticks,
        "segments": [(segment.left, segment.left + segment.width) for segment in segments],
        "width": CHART_WIDTH,
        "height": LANE_HEIGHT * len(TIMELINE_KINDS) + AXIS_HEIGHT,
        "lanes": [(kind, LANE_HEIGHT * index) for index, kind in enumerate(TIMELINE_KINDS)],
        "lane_height": LANE_HEIGHT,
    }
