"""Per-document caches of spaCy views that spaCy rebuilds at every access.

`Doc.text` joins every token, `Doc.ents` creates new spans and `Token.sent` walks the
document on every call; the quotation
and actor stages ask for them many times per article, so they are computed once and kept in
`doc.user_data`.
"""

from __future__ import annotations

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
        cached = doc.user_data["wirelens_text"] = doc.text
    return cached
