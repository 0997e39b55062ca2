"""Bar charts drawn by the templates as inline SVG (no script, no library): an actor's
quotations per month, a story's republication per day or per hour, and events between two
countries per month and type (cooperation stacked above the axis, conflict below). The bars
are computed here; a template only writes the numbers out."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 720, 160, 34, 22, 10
MAX_BARS = 240  # beyond, bars are bigger units: years of months, months of days
MAX_STEP = 48  # a few bars do not make giant ones
MAX_HOURS = 72  # a story published within 3 days is drawn per hour
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _short_day(label: str) -> str:
    """ "2024-05-01" or "2024-05-01 06:00" → "1 May" or "1 May 06h" (a tick under a bar)."""
    day = f"{int(label[8:10])} {_MONTH_NAMES[int(label[5:7]) - 1]}"
    return f"{day} {label[11:13]}h" if len(label) > 10 else day


@dataclass
class Bar:
    label: str
    n: int  # quotations or articles
    x: float
    y: float
    width: float
    height: float


@dataclass
class Timeline:
    bars: list[Bar]
    max_n: int
    ticks: list[tuple[float, str]]  # (x, label) under the axis
    unit: str = "month"  # what one bar is: hour, day, month or year
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


def _years(counts: dict[str, int]) -> tuple[list[str], dict[str, int]]:
    years: dict[str, int] = {}
    for k, v in counts.items():
        years[k[:4]] = years.get(k[:4], 0) + v
    first, last = int(min(years)), int(max(years))
    return [str(y) for y in range(first, last + 1)], years


def _chart(labels: list[str], counts: dict[str, int], unit: str, tick=lambda s: s) -> Timeline:
    """Bars for `labels` in order (a label without a count is an empty bar)."""
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
    return Timeline(bars, top, _ticks([tick(label) for label in labels], step), unit)


def _ticks(names: list[str], step: float) -> list[tuple[float, str]]:
    """(x, label) under the bars: a few of them, never overlapping, the ends kept."""
    room = 7 * max(len(n) for n in names)  # pixels a tick label takes, about
    every = max(1, len(names) // 8, math.ceil(room / step))
    ticks = [
        (round(PAD_LEFT + i * step + step / 2, 2), name)
        for i, name in enumerate(names)
        if i % every == 0 or i == len(names) - 1
    ]
    if len(ticks) > 1 and ticks[-1][0] - ticks[-2][0] < room:
        ticks.pop(-2 if len(ticks) > 2 else -1)  # labels must not overlap: keep the ends
    return ticks


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
    if len(labels) > MAX_BARS:
        labels, counts = _years(counts)
        return _chart(labels, counts, "year")
    return _chart(labels, counts, "month")


def _when(value) -> tuple[datetime, bool] | None:
    """(moment, has a time) of an ISO date or date-time; aware times are taken to UTC."""
    text = str(value or "").strip()
    if len(text) < 10:
        return None
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), datetime.min.time()), False
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment, True


def republication(published: list[str | None]) -> Timeline | None:
    """Articles of a story over time from their publication dates: per hour when every dated
    one has a time and they span at most MAX_HOURS hours (times with a zone are in UTC), else
    per day (per month beyond MAX_BARS days). Periods without an article get an empty bar."""
    found = [w for w in map(_when, published) if w is not None]
    if not found:
        return None
    moments = sorted(m for m, _ in found)
    first, last = moments[0], moments[-1]
    if all(has_time for _, has_time in found) and last - first <= timedelta(hours=MAX_HOURS):
        start = first.replace(minute=0, second=0, microsecond=0)
        hours = int((last - start) // timedelta(hours=1)) + 1
        labels = [(start + timedelta(hours=i)).strftime("%Y-%m-%d %H:00") for i in range(hours)]
        counts: dict[str, int] = {}
        for m in moments:
            key = m.strftime("%Y-%m-%d %H:00")
            counts[key] = counts.get(key, 0) + 1
        return _chart(labels, counts, "hour", tick=_short_day)
    days = (last.date() - first.date()).days + 1
    counts = {}
    if days > MAX_BARS:
        for m in moments:
            counts[m.strftime("%Y-%m")] = counts.get(m.strftime("%Y-%m"), 0) + 1
        labels = _months((first.year, first.month), (last.year, last.month))
        if len(labels) > MAX_BARS:
            labels, counts = _years(counts)
            return _chart(labels, counts, "year")
        return _chart(labels, counts, "month")
    for m in moments:
        counts[m.date().isoformat()] = counts.get(m.date().isoformat(), 0) + 1
    labels = [(first.date() + timedelta(days=i)).isoformat() for i in range(days)]
    return _chart(labels, counts, "day", tick=_short_day)


# -- events between two countries: stacked bars around an axis ----------------------------

EVENT_HEIGHT = 240


@dataclass
class Segment:
    label: str  # the month (or year)
    type: str
    group: str  # cooperation (above the axis) or conflict (below)
    n: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class Stacked:
    segments: list[Segment]
    max_n: int  # the scale: the largest stack, above or below
    ticks: list[tuple[float, str]]
    legend: list[tuple[str, str, int]]  # (type, group, events) of the types drawn
    unit: str = "month"
    width: int = WIDTH
    height: int = EVENT_HEIGHT
    left: int = PAD_LEFT
    top: int = PAD_TOP
    axis: float = PAD_TOP + (EVENT_HEIGHT - PAD_TOP - PAD_BOTTOM) / 2
    bottom: int = EVENT_HEIGHT - PAD_BOTTOM


def stacked_events(rows: list[dict], order: tuple[str, ...] = ()) -> Stacked | None:
    """`rows`: [{"month": "YYYY-MM", "type", "group", "events"}] (`queries.pair_monthly`).
    One column per month from the first to the last (per year beyond MAX_BARS months); in
    each, cooperation types stacked up from the axis and conflict types down, in `order`
    (PLOVER's, from cooperation to conflict), on one scale."""
    counts: dict[tuple[str, str], int] = {}
    groups: dict[str, str] = {}
    for r in rows:
        m = _MONTH.fullmatch(str(r.get("month") or ""))
        n = int(r.get("events") or 0)
        if not m or not 1 <= int(m.group(2)) <= 12 or n <= 0 or not r.get("type"):
            continue
        key = (m.group(0), str(r["type"]))
        counts[key] = counts.get(key, 0) + n
        groups[str(r["type"])] = "cooperation" if r.get("group") == "cooperation" else "conflict"
    if not counts:
        return None
    months = sorted({k[0] for k in counts})
    first, last = (tuple(map(int, k.split("-"))) for k in (months[0], months[-1]))
    labels, unit = _months(first, last), "month"
    if len(labels) > MAX_BARS:
        by_year: dict[tuple[str, str], int] = {}
        for (month, t), n in counts.items():
            by_year[(month[:4], t)] = by_year.get((month[:4], t), 0) + n
        counts, unit = by_year, "year"
        labels = [str(y) for y in range(first[0], last[0] + 1)]
    rank = {t: i for i, t in enumerate(order)}
    types = sorted(groups, key=lambda t: (rank.get(t, len(rank)), t))
    totals = {
        (label, g): sum(n for (lab, t), n in counts.items() if lab == label and groups[t] == g)
        for label in labels
        for g in ("cooperation", "conflict")
    }
    top = max(totals.values())
    half = (EVENT_HEIGHT - PAD_TOP - PAD_BOTTOM) / 2
    axis = PAD_TOP + half
    step = min((WIDTH - PAD_LEFT - 4) / len(labels), MAX_STEP)
    segments = []
    for i, label in enumerate(labels):
        up = down = 0.0
        x, w = round(PAD_LEFT + i * step + step * 0.1, 2), round(max(step * 0.8, 1), 2)
        for t in types:
            n = counts.get((label, t), 0)
            if not n:
                continue
            h = half * n / top
            if groups[t] == "cooperation":
                up += h
                y = axis - up
            else:
                y = axis + down
                down += h
            segments.append(Segment(label, t, groups[t], n, x, round(y, 2), w, round(h, 2)))
    legend = [(t, groups[t], sum(n for (_, u), n in counts.items() if u == t)) for t in types]
    return Stacked(segments, top, _ticks(labels, step), legend, unit)
