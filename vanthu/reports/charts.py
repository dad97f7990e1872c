"""Charts drawn on the server as inline SVG (no JavaScript library, no outside service).

``bar_chart`` draws grouped bars: one group per category (a month), one bar per series, a value axis with
round steps, a legend, and a ``<title>`` on every bar (the browser shows it as a tooltip). To screen readers the
chart is one image named by ``title`` (``role="img"`` hides the bars' titles): the page gives its figures in a
table as well, as the dashboard does under the trend.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def grouped(n: int) -> str:
    """``n`` with the language's thousands separator (1.234); cheaper than ``number_format`` (called for every
    figure of the dashboard)."""
    return f"{n:,}".replace(",", get_format("THOUSAND_SEPARATOR")) if n >= 1000 else str(n)


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[int]
    color: str


def nice_step(maximum: int, ticks: int = 4) -> int:
    """A round step (1, 2, 5 × 10^n) so that ``ticks`` steps cover ``maximum``."""
    if maximum <= ticks:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)  # pragma: no cover - the loop always returns


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str = "",
    height: int = 260,
    group_width: int = 64,
) -> SafeString:
    """Grouped bar chart as an ``<svg>`` element (scales to the width of its container)."""
    left, right, top, bottom = 48, 12, 28, 40
    plot_h = height - top - bottom
    legend_w = sum(24 + 7 * len(s.label) for s in series)
    width = max(left + right + max(1, len(categories)) * group_width, left + legend_w + right)
    maximum = max([v for s in series for v in s.values] + [0])
    step = nice_step(maximum)
    axis_max = max(step, math.ceil(maximum / step) * step)
    bar_w = (group_width - 12) / max(1, len(series))

    def y(value: float) -> float:
        return top + plot_h - plot_h * value / axis_max

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width:{max(width, 480)}px" role="img" aria-label="{escape(title)}" '
        f'font-family="system-ui, sans-serif" font-size="11">',
    ]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    for tick in range(0, axis_max + 1, step):
        ty = y(tick)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#dee2e6"/>'
            f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end" fill="#6c757d">{grouped(tick)}</text>'
        )
    for i, category in enumerate(categories):
        gx = left + i * group_width + 6
        for j, s in enumerate(series):
            value = s.values[i] if i < len(s.values) else 0
            bx, by = gx + j * bar_w, y(value)
            parts.append(
                f'<rect x="{bx:.1f}" y="{by:.1f}" width="{max(bar_w - 2, 1):.1f}" '
                f'height="{top + plot_h - by:.1f}" fill="{s.color}">'
                f"<title>{escape(category)} — {escape(s.label)}: {grouped(value)}</title></rect>"
            )
        parts.append(
            f'<text x="{gx + (group_width - 12) / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
            f'fill="#212529">{escape(category)}</text>'
        )
    parts.append(
        f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#6c757d"/>'
    )
    lx = left
    for s in series:
        parts.append(
            f'<rect x="{lx}" y="6" width="10" height="10" fill="{s.color}"/>'
            f'<text x="{lx + 14}" y="15" fill="#212529">{escape(s.label)}</text>'
        )
        lx += 24 + 7 * len(s.label)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
