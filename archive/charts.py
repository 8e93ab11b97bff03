"""Charts drawn at build time as inline SVG: readable without JavaScript.

The SVG is an image to assistive technology (role="img", named by its own
<title> and <desc>); the page puts a table with the same numbers next to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

# Colours with at least 4.5:1 against white, told apart by the legend too.
PALETTE = ("#283593", "#5c6bc0", "#a1461a")
TEXT = "#1f1f1f"


@dataclass(frozen=True)
class Series:
    name: str
    values: list[int]
    colour: str


def stacked_bar_chart(chart_id: str, title: str, description: str, labels: list[str], series: list[Series]) -> str:
    """Horizontal stacked bars, one row per label, one segment per series."""
    label_width, bar_width, row_height, legend_height, right = 250, 330, 26, 34, 50
    width = label_width + bar_width + right
    height = legend_height + row_height * len(labels) + 8
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    largest = max(totals, default=0) or 1
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="sans-serif" font-size="13">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    x = label_width
    for s in series:
        out.append(f'<rect x="{x}" y="10" width="12" height="12" fill="{s.colour}"/>')
        out.append(f'<text x="{x + 16}" y="21" fill="{TEXT}">{escape(s.name)}</text>')
        x += 24 + 8 * len(s.name)
    for row, label in enumerate(labels):
        y = legend_height + row * row_height
        out.append(f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" fill="{TEXT}">{escape(label)}</text>')
        x = float(label_width)
        for s in series:
            value = s.values[row]
            if value:
                w = bar_width * value / largest
                out.append(
                    f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_height - 8}" '
                    f'fill="{s.colour}" stroke="#ffffff" stroke-width="1"/>'
                )
                x += w
        out.append(f'<text x="{x + 6:.1f}" y="{y + 17}" fill="{TEXT}">{totals[row]}</text>')
    out.append("</svg>")
    return "\n".join(out)
