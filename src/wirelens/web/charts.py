"""The actor page's timeline: quotations per month as bars, computed here and drawn by the
template as inline SVG (no script, no library)."""

from __future__ import annotations

import re
from dataclasses import dataclass

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 720, 160, 34, 22, 10
MAX_BARS = 240  # beyond 20 years of months, bars are years
MAX_STEP = 48  # a few months do not make giant bars
_MONTH = re.compile(r"(\d{4})-(\d{2})")


@dataclass
class Bar:
    label: str
    quotes: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class Timeline:
    bars: list[Bar]
    max_quotes: int
    ticks: list[tuple[float, str]]  # (x, label) under the axis
    width: int = WIDTH
    height: int = HEIGHT
    left: int = PAD_LEFT
    base: int = HEIGHT - PAD_BOTTOM
    top: int = PAD_TOP


def _months(first: tuple[int, int], last: tuple[int, int]) -> list[str]:
    (y, m), out = first, []
    while (y, m) <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline(rows: list[dict]) -> Timeline | None:
    """`rows`: [{"month": "YYYY-MM", "quotes": n}, ...] (the store's actor_timeline); months
    without quotations between the first and the last get an empty bar."""
    counts: dict[str, int] = {}
    for r in rows:
        m = _MONTH.fullmatch(str(r.get("month") or ""))
        if m and 1 <= int(m.group(2)) <= 12:
            counts[m.group(0)] = counts.get(m.group(0), 0) + int(r.get("quotes") or 0)
    if not counts:
        return None
    keys = sorted(counts)
    first, last = (tuple(map(int, k.split("-"))) for k in (keys[0], keys[-1]))
    labels = _months(first, last)
    if len(labels) > MAX_BARS:  # by year
        years: dict[str, int] = {}
        for k, v in counts.items():
            years[k[:4]] = years.get(k[:4], 0) + v
        labels = [str(y) for y in range(first[0], last[0] + 1)]
        counts = years
    top = max(counts.values())
    inner_w, inner_h = WIDTH - PAD_LEFT - 4, HEIGHT - PAD_BOTTOM - PAD_TOP
    step = min(inner_w / len(labels), MAX_STEP)
    bars = []
    for i, label in enumerate(labels):
        n = counts.get(label, 0)
        h = inner_h * n / top
        bars.append(
            Bar(
                label,
                n,
                round(PAD_LEFT + i * step + step * 0.1, 2),
                round(HEIGHT - PAD_BOTTOM - h, 2),
                round(max(step * 0.8, 1), 2),
                round(h, 2),
            )
        )
    every = max(1, len(labels) // 8)
    ticks = [
        (round(PAD_LEFT + i * step + step / 2, 2), label)
        for i, label in enumerate(labels)
        if i % every == 0 or i == len(labels) - 1
    ]
    if len(ticks) > 1 and ticks[-1][0] - ticks[-2][0] < 60:
        ticks.pop(-2)  # keep the last label readable
    return Timeline(bars, top, ticks)
