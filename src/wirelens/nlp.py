"""NLP stage: the spaCy model (loaded once per process) and the wirelens pipeline components.

`wirelens_quotes` is a spaCy component: added to any French pipeline it sets `doc._.quotes`
and `doc._.entities` (wirelens model objects). `annotate_articles` runs the model over many
articles with `nlp.pipe` and fills `Article.quotes` and `Article.entities`.
"""

from __future__ import annotations

from functools import cache

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from wirelens.model import Article, Cue, Entity, Mention, Participant, Quote
from wirelens.settings import DEFAULT_MODEL, Settings

for _name, _default in (
    ("quotes", None),
    ("entities", None),
    ("body_start", 0),
    ("tracker", None),
    ("events", None),
    ("published", None),
    ("dateline_place", None),
    ("lang", None),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class QuotesComponent:
    """spaCy component: quotations with cue, speaker and addressee, and the entities they use."""

    def __init__(self, lang: str = "fr") -> None:
        from wirelens.quotes.extractor import QuoteExtractor

        self.extractor = QuoteExtractor(lang)

    def __call__(self, doc: Doc) -> Doc:
        from wirelens.quotes.build import build_quotes

        found, tracker = self.extractor.extract(doc, body_start=doc._.body_start or 0)
        quotes, entities = build_quotes(doc, found, tracker, self.extractor.lex)
        doc._.quotes = quotes
        doc._.entities = entities
        doc._.tracker = tracker  # for later components (events)
        return doc


class EventsComponent:
    """spaCy component (after `wirelens_quotes`): PLOVER events in `doc._.events`."""

    def __init__(self, lang: str = "fr") -> None:
        from wirelens.events.coder import EventCoder

        self.coder = EventCoder(lang)

    def __call__(self, doc: Doc) -> Doc:
        tracker = doc._.tracker
        same_language = doc._.lang in (None, self.coder.lang)  # the triggers are French data
        doc._.events = (
            self.coder.code(
                doc,
                tracker,
                doc._.quotes,
                doc._.published,
                doc._.body_start,
                dateline_place=doc._.dateline_place,
            )
            if tracker is not None and same_language
            else []
        )
        doc._.tracker = None  # not needed any more; keeps Doc objects light
        return doc


_SENTENCE_ENDS = (".", "!", "?", "…", "...", "»", '"', "”", ":", ";", ")")


@Language.component("wirelens_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break or the end of a dateline starts a sentence, and nothing else does but
    sentence-final punctuation: the parser otherwise joins a headline or a dateline to the
    first sentence of the body ("… sous-marins\\n\\nPARIS (AFP) – La France et le Portugal
    ont signé") or splits "Xi, qui a …" after the comma, and the clause structure goes wrong.
    Runs before the parser, which keeps the boundaries it is given (set as one array: a
    Python loop over the tokens cost 3 ms an article)."""
    if len(doc) < 2:
        return doc
    attrs = doc.to_array([ORTH, IS_SPACE, IDX])
    orth, space, idx = attrs[:, 0], attrs[:, 1].astype(bool), attrs[:, 2]
    strings = doc.vocab.strings
    ends = numpy.isin(orth, [strings.add(p) for p in _SENTENCE_ENDS])
    starts = numpy.zeros(len(doc), dtype="int32")  # 1 start, -1 not, 0 the parser decides
    prev_space, prev_end = space[:-1], ends[:-1]
    starts[1:] = numpy.where(prev_space, 1, numpy.where(prev_end, 0, -1))
    body_start = doc._.body_start or 0
    if body_start:  # after "PARIS (AFP) –"
        first = int(numpy.searchsorted(idx, body_start))
        if 0 < first < len(doc):
            starts[first] = 1
    starts[space] = 0  # whitespace tokens go with whatever the parser says
    starts[0] = 1
    doc.from_array([SENT_START], starts.reshape(-1, 1).astype("uint64"))
    return doc


@Language.factory("wirelens_events", default_config={"lang": "fr"})
def make_events_component(nlp: Language, name: str, lang: str) -> EventsComponent:
    return EventsComponent(lang)


@Language.factory("wirelens_quotes", default_config={"lang": "fr"})
def make_quotes_component(nlp: Language, name: str, lang: str) -> QuotesComponent:
    return QuotesComponent(lang)


@cache
def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline with wirelens components, loaded once per process."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:  # model package missing: say which one and how to get it
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; install it with pip "
            f"(e.g. `pip install {model.replace('_', '-')}`)"
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("wirelens_paragraphs", before="parser")
    nlp.add_pipe("wirelens_quotes", last=True)
    nlp.add_pipe("wirelens_events", last=True)
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}"


def annotate_articles(articles: list[Article], settings: Settings) -> None:
    """Run spaCy and the quotation stage over articles, in place."""
    if not articles:
        return
    nlp = load_nlp(settings.model)
    version = model_version(nlp)
    docs = []
    for art in articles:
        doc = nlp.make_doc(art.text)
        doc._.body_start = art.dateline.end if art.dateline else 0
        doc._.published = art.published
        doc._.dateline_place = art.dateline.place if art.dateline else None
        doc._.lang = art.language.code if art.language else None
        docs.append(doc)
    for art, doc in zip(articles, nlp.pipe(docs, batch_size=settings.batch_size), strict=True):
        art.quotes = doc._.quotes or []
        art.entities = doc._.entities or []
        art.events = doc._.events or []
        if art.producer is not None:
            art.producer.model = version


__all__ = ["Cue", "Entity", "Mention", "Participant", "Quote", "annotate_articles", "load_nlp"]
