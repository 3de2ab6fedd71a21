"""Server-rendered SVG charts for the dashboard: geometry here, markup in templates/reports/includes/.

Charts carry no script and no inline style (the CSP forbids both): colours are SVG presentation
attributes. Every chart sits beside a table with the same numbers, for screen readers and for anyone
who would rather read figures than shapes.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format

from reports.periods import DAY, MONTHLY, Period
from reports.selectors import DIRECT, KINDS, RECORDING, TrendPoint, WorkerRow

# GOV.UK colour palette: green for time with families, red for recording and admin.
KIND_COLOURS = {
    "direct": "#00703c",
    "travel": "#1d70b8",
    "recording": "#d4351c",
    "meetings": "#f47738",
    "supervision": "#4c2c92",
}

WIDTH = 720
LABEL_WIDTH = 190
BAR_HEIGHT = 22
ROW_GAP = 10


def _n(value: float) -> str:
    """A coordinate as SVG wants it: a plain number, never localised ("1.5", not "1,5")."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Segment:
    x: str
    width: str
    colour: str
    title: str


def legend() -> list[dict[str, str]]:
    return [{"label": str(label), "colour": KIND_COLOURS[kind]} for kind, label in KINDS]


def worker_bars(rows: list[WorkerRow]) -> dict[str, Any]:
    """One 100% bar per worker, split by kind of work."""
    plot = WIDTH - LABEL_WIDTH - 60
    bars = []
    for i, row in enumerate(rows):
        y = i * (BAR_HEIGHT + ROW_GAP)
        x = float(LABEL_WIDTH)
        segments = []
        total = row.time.total
        for kind, label in KINDS:
            minutes = row.time.minutes(kind)
            if not total or not minutes:
                continue
            width = plot * minutes / total
            segments.append(
                Segment(_n(x), _n(width), KIND_COLOURS[kind], f"{label}: {row.time.share(kind)}%")
            )
            x += width
        bars.append(
            {
                "y": _n(y),
                "text_y": _n(y + BAR_HEIGHT * 0.7),
                "name": row.worker.get_full_name() or row.worker.username,
                "segments": segments,
                "direct": "" if row.time.direct_share is None else f"{row.time.direct_share}%",
                "empty": not total,
                "value_x": _n(LABEL_WIDTH + plot + 8),
            }
        )
    return {
        "width": WIDTH,
        "height": max(1, len(rows)) * (BAR_HEIGHT + ROW_GAP),
        "label_width": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 8,
        "empty_text_x": LABEL_WIDTH + 8,
        "plot_width": _n(plot),
        "bar_height": BAR_HEIGHT,
        "bars": bars,
        "legend": legend(),
    }


def bucket_label(start: Any, period: Period) -> str:
    if period.bucket == DAY:
        return date_format(start, "D j M")
    if period.bucket == MONTHLY:
        return date_format(start, "M Y")
    return date_format(start, "j M")


def trend_columns(points: list[TrendPoint], period: Period) -> dict[str, Any]:
    """Per bucket, two columns: share of time with families and share spent recording."""
    height, top, bottom, left = 220, 10, 40, 40
    plot_h = height - top - bottom
    plot_w = WIDTH - left - 10
    slot = plot_w / max(1, len(points))
    col = min(18.0, slot / 3)
    columns = []
    for i, point in enumerate(points):
        x0 = left + i * slot + (slot - 2 * col) / 2
        bars = []
        for j, (kind, share) in enumerate(
            ((DIRECT, point.time.direct_share), (RECORDING, point.time.recording_share))
        ):
            if share is None:
                continue
            h = plot_h * share / 100
            bars.append(
                {
                    "x": _n(x0 + j * col),
                    "y": _n(top + plot_h - h),
                    "width": _n(col - 1),
                    "height": _n(h),
                    "colour": KIND_COLOURS[kind],
                    "title": f"{share}%",
                }
            )
        columns.append(
            {
                "bars": bars,
                "label": bucket_label(point.start, period),
                "label_x": _n(x0 + col),
                "empty": not point.time.total,
            }
        )
    gridlines = [{"y": _n(top + plot_h - plot_h * p / 100), "label": f"{p}%"} for p in (0, 25, 50, 75, 100)]
    # With many buckets, label every other one so the labels do not overlap.
    step = 1 if len(points) <= 9 else 2
    for i, column in enumerate(columns):
        column["show_label"] = i % step == 0
    return {
        "width": WIDTH,
        "height": height,
        "left": left,
        "left_label_x": left - 6,
        "right": WIDTH - 10,
        "baseline": top + plot_h,
        "label_y": top + plot_h + 18,
        "gridlines": gridlines,
        "columns": columns,
        "direct_colour": KIND_COLOURS[DIRECT],
        "recording_colour": KIND_COLOURS[RECORDING],
    }
