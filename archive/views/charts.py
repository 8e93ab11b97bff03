"""Charts drawn at build time as inline SVG: readable without JavaScript.

The SVG is an image to assistive technology (role="img", named by its own
<title> and <desc>); the page puts a table with the same numbers next to it.
Labels are text, escaped by archive/views/html.py like everything else.
"""

from __future__ import annotations

from dataclasses import dataclass

from archive.views.html import Markup, tag

# Colours with at least 4.5:1 against white, told apart by the legend too.
PALETTE = ("#283593", "#5c6bc0", "#a1461a")
TEXT = "#1f1f1f"


@dataclass(frozen=True)
class Series:
    name: str
    values: list[int]
    colour: str


def _lines(label: str, width: int) -> list[str]:
    """A label broken at spaces into lines of at most `width` characters (a longer word stays whole)."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def stacked_bar_chart(chart_id: str, title: str, description: str, labels: list[str], series: list[Series]) -> Markup:
    """Horizontal stacked bars, one row per label, one segment per series.

    Each label stands on its own line(s) above its bar, so the chart is narrow
    enough to keep its text legible when a phone scales it to the screen, and
    no label is cut off however long it is.
    """
    width, right, legend_height, line_height, bar_height, gap = 400, 40, 34, 17, 16, 12
    bar_width = width - right
    rows = [_lines(label, 46) for label in labels]
    height = legend_height + sum(len(lines) * line_height + bar_height + gap for lines in rows) + 4
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    largest = max(totals, default=0) or 1
    parts = [
        tag("title", title, id=f"{chart_id}-title"),
        tag("desc", description, id=f"{chart_id}-desc"),
        tag("rect", width=width, height=height, fill="#ffffff"),
    ]
    x = 0
    for s in series:
        parts.append(tag("rect", x=x, y=10, width=12, height=12, fill=s.colour))
        parts.append(tag("text", s.name, x=x + 16, y=21, fill=TEXT))
        x += 24 + 8 * len(s.name)
    y = legend_height
    for row, lines in enumerate(rows):
        for line in lines:
            y += line_height
            parts.append(tag("text", line, x=0, y=y - 4, fill=TEXT))
        x = 0.0
        for s in series:
            value = s.values[row]
            if value:
                w = bar_width * value / largest
                parts.append(tag("rect", x=f"{x:.1f}", y=y + 1, width=f"{w:.1f}", height=bar_height - 2, fill=s.colour, stroke="#ffffff", stroke_width=1))
                x += w
        parts.append(tag("text", str(totals[row]), x=f"{x + 6:.1f}", y=y + bar_height - 3, fill=TEXT))
        y += bar_height + gap
    return tag(
        "svg",
        parts,
        xmlns="http://www.w3.org/2000/svg",
        class_="chart",
        role="img",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
        viewBox=f"0 0 {width} {height}",
        width=width,
        height=height,
        font_family="sans-serif",
        font_size=14,
    )
