"""Charts drawn at build time as inline SVG: readable without JavaScript.

The SVG is an image to assistive technology (role="img", named by its own
<title> and <desc>); the page puts a table with the same numbers next to it.
Labels are text, escaped by archive/html.py like everything else.
"""

from __future__ import annotations

from dataclasses import dataclass

from archive.html import Markup, tag

# Colours with at least 4.5:1 against white, told apart by the legend too.
PALETTE = ("#283593", "#5c6bc0", "#a1461a")
TEXT = "#1f1f1f"


@dataclass(frozen=True)
class Series:
    name: str
    values: list[int]
    colour: str


def stacked_bar_chart(chart_id: str, title: str, description: str, labels: list[str], series: list[Series]) -> Markup:
    """Horizontal stacked bars, one row per label, one segment per series."""
    label_width, bar_width, row_height, legend_height, right = 250, 330, 26, 34, 50
    width = label_width + bar_width + right
    height = legend_height + row_height * len(labels) + 8
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    largest = max(totals, default=0) or 1
    parts = [
        tag("title", title, id=f"{chart_id}-title"),
        tag("desc", description, id=f"{chart_id}-desc"),
        tag("rect", width=width, height=height, fill="#ffffff"),
    ]
    x = label_width
    for s in series:
        parts.append(tag("rect", x=x, y=10, width=12, height=12, fill=s.colour))
        parts.append(tag("text", s.name, x=x + 16, y=21, fill=TEXT))
        x += 24 + 8 * len(s.name)
    for row, label in enumerate(labels):
        y = legend_height + row * row_height
        parts.append(tag("text", label, x=label_width - 8, y=y + 17, text_anchor="end", fill=TEXT))
        x = float(label_width)
        for s in series:
            value = s.values[row]
            if value:
                w = bar_width * value / largest
                parts.append(tag("rect", x=f"{x:.1f}", y=y + 4, width=f"{w:.1f}", height=row_height - 8, fill=s.colour, stroke="#ffffff", stroke_width=1))
                x += w
        parts.append(tag("text", str(totals[row]), x=f"{x + 6:.1f}", y=y + 17, fill=TEXT))
    return tag(
        "svg", parts, xmlns="http://www.w3.org/2000/svg", class_="chart", role="img",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc", viewBox=f"0 0 {width} {height}",
        width=width, height=height, font_family="sans-serif", font_size=13,
    )
