"""A trend drawn as SVG on the server: a line over the months with a point per month, the
target as a dashed line, and a title and description for screen readers (the page shows
the same figures in a table beside it). No JavaScript."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 36, 16, 48


def trend_svg(
    title: str, points: Sequence[tuple[str, Decimal | None]], *, target: Decimal | None = None, unit: str = ""
) -> Markup:
    values = [v for _, v in points if v is not None]
    top = max([*values, target or 0, Decimal(1)])
    top = Decimal(int(top * Decimal("1.1")) + 1)
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_w / max(len(points) - 1, 1)

    def y(value: Decimal) -> float:
        return TOP + inner_h - float(value / top) * inner_h

    parts = [
        f'<svg class="harbour-trend" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="trend-title trend-desc" font-family="GDS Transport, arial, sans-serif" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="trend-title">{escape(title)}</title>',
        f'<desc id="trend-desc">{escape(describe(points, unit))}</desc>',
        f'<line x1="{LEFT}" y1="{TOP + inner_h}" x2="{WIDTH - RIGHT}" y2="{TOP + inner_h}" stroke="#505a5f"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + inner_h}" stroke="#505a5f"/>',
    ]
    for tick in (Decimal(0), top / 2, top):
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="12" fill="#0b0c0c">'
            f"{escape(_short(tick))}</text>"
        )
    if target is not None:
        parts.append(
            f'<line x1="{LEFT}" y1="{y(target):.1f}" x2="{WIDTH - RIGHT}" y2="{y(target):.1f}" '
            f'stroke="#1d70b8" stroke-dasharray="6 4"/>'
        )
    line = [(LEFT + i * step, y(v)) for i, (_, v) in enumerate(points) if v is not None]
    if len(line) > 1:
        path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in line)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#0b0c0c" stroke-width="2"/>')
    for x, yy in line:
        parts.append(f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="3.5" fill="#0b0c0c"/>')
    for i, (label, _) in enumerate(points):
        if i % 2 == 0 or i == len(points) - 1:
            parts.append(
                f'<text x="{LEFT + i * step:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" font-size="11" '
                f'fill="#0b0c0c">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704  (every text in it is escaped above; the rest are numbers)


def _short(value: Decimal) -> str:
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:.1f}"


def describe(points: Sequence[tuple[str, Decimal | None]], unit: str, *, table_below: bool = True) -> str:
    """The chart in words: where the line starts and ends (and that the table below holds
    every figure, where it does)."""
    known = [(label, v) for label, v in points if v is not None]
    if not known:
        return "No figures in these months."
    first, last = known[0], known[-1]
    said = f"From {first[1]}{unit} in {first[0]} to {last[1]}{unit} in {last[0]}."
    return f"{said} The figures are in the table below." if table_below else said
