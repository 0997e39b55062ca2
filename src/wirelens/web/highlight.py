"""An article's text cut into pieces for display: each piece knows which quotation, cue,
speaker or addressee mention, or event trigger covers it, so the page can colour quotations
per speaker and underline events per group (cooperation or conflict).

Spans may nest or overlap (a cue inside a mixed quotation, a mention inside another
quotation, two quotations sharing words): the text is split at every span boundary and at
every line break, and each piece carries the set of spans covering it. Spans that do not fit
the text are ignored. The template escapes every piece's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wirelens.api.queries import event_group

PALETTE_SIZE = 10  # CSS classes sp-0 … sp-9; more speakers reuse them in turn


@dataclass
class Speaker:
    key: str  # actor id, or the name when the speaker has no actor id
    name: str
    actor_id: str | None
    colour: int  # index of the sp-N class
    quotes: int = 0


@dataclass
class Piece:
    text: str
    quote: int | None = None  # index of the innermost quotation covering it
    quotes: list[int] = field(default_factory=list)
    colour: str | None = None  # "sp-N" or "sp-none" for quotations without a speaker
    cue: bool = False
    speaker: bool = False  # part of a speaker mention
    speaker_colour: str | None = None  # "mc-N": the colour of that speaker's quotations
    addressee: bool = False
    dateline: bool = False
    title: str | None = None  # tooltip: speaker, type, cue
    event: int | None = None  # index of the event whose trigger covers it
    event_group: str | None = None  # "cooperation" or "conflict"
    event_type: str | None = None

    @property
    def classes(self) -> str:
        out = []
        if self.quote is not None:
            out += ["quote", self.colour or "sp-none"]
        for flag in ("cue", "speaker", "addressee", "dateline"):
            if getattr(self, flag):
                out.append(flag)
        if self.speaker_colour:
            out.append(self.speaker_colour)
        if self.event is not None:
            out += ["event", f"ev-{self.event_group}"]
        return " ".join(out)


@dataclass
class Highlighted:
    paragraphs: list[list[Piece]]
    speakers: list[Speaker]  # in order of first quotation
    quote_speaker: list[Speaker | None]  # per quotation index


def _span(obj: dict | None, length: int) -> tuple[int, int] | None:
    if not obj:
        return None
    start, end = obj.get("start"), obj.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    if 0 <= start < end <= length:
        return start, end
    return None


def speakers_of(quotes: list[dict], rows: list[dict]) -> tuple[list[Speaker], list[Speaker | None]]:
    """One colour per speaker actor (by order of first quotation); `rows` are the store's
    quotation rows (with `speaker_actor`), matched to the Article's quotations by `n`."""
    actor_by_n = {r.get("n"): r.get("speaker_actor") for r in rows}
    speakers: dict[str, Speaker] = {}
    per_quote: list[Speaker | None] = []
    for i, q in enumerate(quotes):
        who = q.get("speaker") or {}
        name = who.get("name")
        actor_id = actor_by_n.get(i)
        key = actor_id or name
        if not key:
            per_quote.append(None)
            continue
        if key not in speakers:
            speakers[key] = Speaker(key, name or key, actor_id, len(speakers) % PALETTE_SIZE)
        speakers[key].quotes += 1
        per_quote.append(speakers[key])
    return list(speakers.values()), per_quote


def _names(people) -> str:
    return ", ".join(str(p.get("name")) for p in people or [] if isinstance(p, dict))


def highlight(article: dict, rows: list[dict] | None = None) -> Highlighted:
    """`article`: the Article JSON; `rows`: the store's quotation rows of it."""
    text: str = article.get("text") or ""
    n = len(text)
    quotes = article.get("quotes") or []
    speakers, per_quote = speakers_of(quotes, rows or [])
    marks: list[tuple[int, int, str, int]] = []  # (start, end, kind, quotation index)
    for i, q in enumerate(quotes):
        for kind, obj in (
            ("quote", q),
            ("cue", q.get("cue")),
            ("speaker", (q.get("speaker") or {}).get("mention")),
            ("addressee", (q.get("addressee") or {}).get("mention")),
        ):
            span = _span(obj, n)
            if span:
                marks.append((*span, kind, i))
    events = article.get("events") or []
    for i, ev in enumerate(events):
        span = _span(ev.get("trigger"), n)
        if span:
            marks.append((*span, "event", i))
    dateline = _span(article.get("dateline"), n)
    if dateline:
        marks.append((*dateline, "dateline", -1))

    cuts = {0, n}
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for m, (start, end, _, _) in enumerate(marks):
        cuts.update((start, end))
        starts.setdefault(start, []).append(m)
        ends.setdefault(end, []).append(m)
    i = text.find("\n")
    while i != -1:
        cuts.update((i, i + 1))
        i = text.find("\n", i + 1)
    bounds = sorted(cuts)

    # one sweep over the boundaries, keeping the set of spans open at each piece
    active: set[int] = set()
    paragraphs: list[list[Piece]] = [[]]
    for a, b in zip(bounds, bounds[1:], strict=False):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        chunk = text[a:b]
        if chunk == "\n":
            paragraphs.append([])
            continue
        piece = Piece(chunk)
        inner_start = -1
        for m in sorted(active):
            start, _end, kind, qi = marks[m]
            if kind == "quote":
                piece.quotes.append(qi)
                if start > inner_start:  # the innermost (latest-starting) quotation wins
                    inner_start, piece.quote = start, qi
            elif kind == "event":
                if piece.event is None:  # the first event whose trigger covers it
                    piece.event = qi
            else:
                setattr(piece, kind, True)
                if kind == "speaker" and per_quote[qi] is not None:
                    piece.speaker_colour = f"mc-{per_quote[qi].colour}"
        if piece.quote is not None:
            sp = per_quote[piece.quote]
            q = quotes[piece.quote]
            piece.colour = f"sp-{sp.colour}" if sp else "sp-none"
            cue = (q.get("cue") or {}).get("text")
            piece.title = " · ".join(
                x for x in ((sp.name if sp else "unknown speaker"), q.get("type"), cue) if x
            )
        if piece.event is not None:
            ev = events[piece.event]
            piece.event_type = str(ev.get("type") or "")
            piece.event_group = event_group(piece.event_type)
            who = " → ".join(x for x in (_names(ev.get("actor")), _names(ev.get("recipient"))) if x)
            label = " · ".join(x for x in (f"event {piece.event_type}", who) if x)
            piece.title = f"{piece.title} | {label}" if piece.title else label
        paragraphs[-1].append(piece)
    return Highlighted([p for p in paragraphs if p], speakers, per_quote)
