"""Server-rendered SVG for distance travelled: one small line chart per outcome area.

No JavaScript: the numbers go into the SVG's title and description and into a table beside it.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

WIDTH, HEIGHT = 320, 140
LEFT, RIGHT, TOP, BOTTOM = 28, 12, 10, 24


@dataclass
class Series:
    label: str
    css: str
    points: list[tuple[float, float, int, str]]  # x, y, value, date label

    @property
    def path(self) -> str:
        return " ".join(
            f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y, _v, _d) in enumerate(self.points)
        )


def journey_chart(journey: Any, *, scale_min: int, scale_max: int) -> dict[str, Any]:
    """Coordinates for the template: axes, gridlines, two series (family, worker) and a description."""
    points = journey.points
    n = len(points)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + (plot_w / 2 if n == 1 else plot_w * i / (n - 1))

    def y(value: int) -> float:
        return TOP + plot_h * (scale_max - value) / (scale_max - scale_min)

    series = []
    for index, label, css in ((1, _("Family"), "family"), (2, _("Worker"), "worker")):
        pts = [
            (x(i), y(p[index]), p[index], f"{p[0].day} {p[0]:%b %Y}")
            for i, p in enumerate(points)
            if p[index] is not None
        ]
        series.append(Series(label=str(label), css=css, points=pts))
    described = []
    for s in series:
        if s.points:
            values = ", ".join(f"{d}: {v}" for _x, _y, v, d in s.points)
            described.append(f"{s.label}: {values}")
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "grid": [{"y": y(v), "value": v} for v in (scale_min, (scale_min + scale_max) // 2, scale_max)],
        # The end labels are anchored inwards so they are not cut off at the edges.
        "labels": [
            {"x": x(i), "text": f"{p[0]:%b %y}", "anchor": _anchor(i, n)} for i, p in enumerate(points)
        ],
        "series": series,
        "title": _("Scores for %(area)s over time") % {"area": journey.domain.name},
        "desc": "; ".join(described) or _("No scores yet."),
    }


def _anchor(index: int, count: int) -> str:
    if count == 1:
        return "middle"
    return "start" if index == 0 else "end" if index == count - 1 else "middle"
