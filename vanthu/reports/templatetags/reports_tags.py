"""Display helpers of the dashboard: counts linked to the list behind them, the on-time rate (no business rules).

Rendered as one tag per row rather than an include per cell: the dashboard has a few hundred figures."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from ..charts import grouped

register = template.Library()

#: the cells of a row of counts, in the order of ``reports/_count_headers.html``: (key, css of the link)
ROW_CELLS = (
    ("total", ""),
    ("on_time", ""),
    ("late", ""),
    ("within", ""),
    ("overdue", "text-danger fw-semibold"),
    ("none", ""),
)


def _link(n: int, url: str, css: str) -> SafeString:
    text = grouped(n)
    if not url:
        return format_html('<span class="{}">{}</span>', css, text)
    return format_html('<a class="count {}" href="{}">{}</a>', css, url, text)


@register.simple_tag
def count_link(n: int, url: str = "", css: str = "") -> SafeString:
    """``n`` (grouped by thousands) linking to ``url``; plain text when there is no list to link to."""
    return _link(n, url, css)


@register.simple_tag
def count_cells(row) -> SafeString:
    """The ``<td>`` of a row's counts (Row of ``tasks_stats``) and its on-time rate."""
    counts, links = row.counts, row.links
    cells = format_html_join(
        "",
        '<td class="text-end" data-key="{}">{}</td>',
        ((key, _link(getattr(counts, key), links.get(key, ""), css)) for key, css in ROW_CELLS),
    )
    return cells + format_html('<td class="text-end" data-key="rate">{}</td>', rate(counts))


@register.filter
def rate(counts) -> str:
    """Tỷ lệ đúng hạn as "85,7%" (the language's decimal mark: "85.7%" in English), "—" when nothing is due."""
    return "—" if counts.rate is None else number_format(counts.rate, 1) + "%"
