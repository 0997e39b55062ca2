"""Per-document caches of spaCy views that spaCy rebuilds at every access.

`Doc.text` joins every token, `Doc.ents` creates new spans, `Token.sent` walks the
document and `doc[i]` makes a new `Token` on every call; the quotation
and actor stages ask for them many times per article, so they are computed once and kept in
`doc.user_data`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from typing import NamedTuple

from spacy.tokens import Doc


def doc_ents(doc: Doc) -> tuple:
    """`doc.ents`, built once per document (spaCy rebuilds the spans at every access)."""
    cached = doc.user_data.get("wirelens_ents")
    if cached is None:
        cached = doc.user_data["wirelens_ents"] = tuple(doc.ents)
    return cached


def sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """Token range of the sentence holding token i (`Token.sent` walks the doc each time)."""
    bounds = doc.user_data.get("wirelens_sents")
    if bounds is None:
        bounds = doc.user_data["wirelens_sents"] = [0] * len(doc)
        ends = {}
        for sent in doc.sents:
            for k in range(sent.start, sent.end):
                bounds[k] = sent.start
            ends[sent.start] = sent.end
        doc.user_data["wirelens_sent_ends"] = ends
    start = bounds[i]
    return start, doc.user_data["wirelens_sent_ends"][start]


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per document."""
    cached = doc.user_data.get("wirelens_text")
    if cached is None:
        token_attrs(doc)  # joins the text from the tokens it makes anyway, as `doc.text` does
        cached = doc.user_data["wirelens_text"]
    return cached


class TokenAttrs(NamedTuple):
    """Per-token attributes as plain lists, indexed by token: `doc[i]` makes a new `Token`
    object at each access, which the loops over every token of a document paid for again and
    again."""

    idx: list[int]
    text: list[str]
    lower: list[str]
    pos: list[str]
    lemma: list[str]
    dep: list[str]


def token_attrs(doc: Doc) -> TokenAttrs:
    """The `TokenAttrs` of `doc`, built once per document."""
    cached = doc.user_data.get("wirelens_tokens")
    if cached is None:
        toks = list(doc)
        doc.user_data.setdefault("wirelens_text", "".join(t.text_with_ws for t in toks))
        cached = doc.user_data["wirelens_tokens"] = TokenAttrs(
            [t.idx for t in toks],
            [t.text for t in toks],
            [t.lower_ for t in toks],
            [t.pos_ for t in toks],
            [t.lemma_ for t in toks],
            [t.dep_ for t in toks],
        )
    return cached


def in_spans(spans: Iterable[tuple[int, int]]) -> Callable[[int], bool]:
    """`lambda pos: any(s <= pos < e for s, e in spans)`, by bisection over the merged spans."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(sp for sp in spans if sp[0] < sp[1]):
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)

    def inside(pos: int) -> bool:
        k = bisect_right(starts, pos) - 1
        return k >= 0 and pos < ends[k]

    return inside
