"""The typed data model every stage shares: an Article and what later stages attach to it.

All offsets (`start`, `end`) are character offsets into `Article.text` as returned, except
`Removed` spans, which point into the input text before cleaning (so nothing removed is lost).
The JSON form is versioned by `SCHEMA_VERSION`; `docs/schema.md` describes it and
`wirelens/schema/article.schema.json` is its JSON Schema (regenerate with
`python -m wirelens.schema`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A piece of `Article.text`: `text == article.text[start:end]`."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Removed(_Model):
    """Junk taken out of the input; `start`/`end` point into the input before cleaning."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    reason: str = Field(
        description="junk family: ad_placeholder, ad_label, source_link, published, updated, share, "
        "subscribe, cookie_banner, read_also, photo_caption, copyright, byline, slug, paywall, ..."
    )


class Language(_Model):
    code: str = Field(description="ISO 639-1 code")
    confidence: float = Field(ge=0, le=1)


class Dateline(Span):
    """The dateline that opens a wire story: "Moscou (AFP) –", "PARIS, 3 mars (Reuters) -"."""

    place: str | None = None
    agency: str | None = None
    date: str | None = Field(default=None, description="the date as written, if any")


class Mention(Span):
    kind: Literal["name", "partial_name", "pronoun", "description", "implicit", "none"] = "name"


class Entity(_Model):
    """An actor of the article: every mention of one person, organisation or place."""

    id: str = Field(description="unique within the article, e.g. 'e1'")
    name: str = Field(description="canonical name: the fullest proper name the article gives")
    type: Literal["PER", "ORG", "LOC", "MISC", "DESC"]
    mentions: list[Mention] = Field(default_factory=list)


class Cue(Span):
    lemma: str | None = None


class Participant(_Model):
    """A speaker or addressee: canonical name, the entity it belongs to, the mention in context."""

    name: str
    entity: str | None = Field(default=None, description="id of an Entity of the article")
    mention: Mention | None = None


class Quote(Span):
    type: Literal["direct", "indirect", "mixed"]
    cue: Cue | None = None
    speaker: Participant | None = None
    addressee: Participant | None = None
    confidence: float = Field(default=1.0, ge=0, le=1)


class EventParticipant(_Model):
    name: str
    country: str | None = Field(
        default=None, description="ISO 3166 alpha-3 the participant acts for"
    )
    code: str | None = Field(
        default=None,
        description="actor code in the CAMEO/PLOVER style: the country, or IGO for an "
        "intergovernmental body and NGO for a transnational non-governmental one",
    )
    entity: str | None = None


class Event(_Model):
    """A PLOVER event (filled by the event coder; see the events issue)."""

    type: str
    mode: str | None = None
    actor: list[EventParticipant] = Field(default_factory=list)
    recipient: list[EventParticipant] = Field(default_factory=list)
    trigger: Span
    sentence: Span
    flags: list[str] = Field(default_factory=list)
    confidence: float = Field(default=1.0, ge=0, le=1)


class Producer(_Model):
    """What produced this record, so results can be reproduced."""

    name: str = "wirelens"
    version: str
    model: str | None = Field(default=None, description="spaCy model name and version")


class Article(_Model):
    schema_version: str = SCHEMA_VERSION
    id: str | None = None
    source: str | None = Field(default=None, description="input file (and record) it came from")
    url: str | None = None
    title: str | None = None
    published: str | None = Field(default=None, description="ISO 8601 date (or date-time)")
    authors: list[str] = Field(default_factory=list)
    language: Language | None = None
    dateline: Dateline | None = None
    agencies: list[str] = Field(default_factory=list)
    text: str
    removed: list[Removed] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    producer: Producer | None = None

    def to_dict(self) -> dict:
        return self.model_dump(mode="json")

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(indent=indent)
