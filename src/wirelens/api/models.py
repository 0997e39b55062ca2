"""Response shapes of the JSON API (they document it in the OpenAPI schema).

Rows come from the store as they are; `extra="allow"` keeps columns a newer store adds.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from wirelens.model import Article

T = TypeVar("T")


class _Row(BaseModel):
    model_config = ConfigDict(extra="allow")


class Page(BaseModel, Generic[T]):
    """One page of a list: `items[0]` is result number `offset` of `total`."""

    total: int = Field(description="results matching the filters, all pages together")
    limit: int
    offset: int
    items: list[T]


class QuoteRow(_Row):
    id: int = Field(description="store id of the quotation")
    article_id: int = Field(description="store id of its article (GET /api/articles/{id})")
    published: str | None = None
    lang: str | None = None
    domain: str | None = None
    type: str = Field(description="direct, indirect or mixed")
    speaker: str | None = Field(default=None, description="the speaker's name")
    speaker_actor: str | None = Field(default=None, description="canonical actor id")
    speaker_mention: str | None = None
    speaker_kind: str | None = None
    cue: str | None = None
    addressee: str | None = None
    addressee_actor: str | None = None
    text: str
    start: int = Field(description="offset in the article's text")
    end: int
    confidence: float
    title: str | None = Field(default=None, description="the article's title")
    url: str | None = Field(default=None, description="the article's URL")
    story_id: int | None = Field(default=None, description="the story of its article")
    copies: int | None = Field(
        default=None,
        description="with `dedupe`: copies of this quotation in the story's articles",
    )
    article_ids: list[int] | None = Field(
        default=None, description="with `dedupe`: the articles holding a copy"
    )


class ArticleRow(_Row):
    id: int = Field(description="store id")
    hash: str = Field(description="content hash (SHA-256 of URL and raw content)")
    record_id: str | None = None
    url: str | None = None
    domain: str | None = None
    title: str | None = None
    published: str | None = None
    lang: str | None = None
    quotes: int = Field(description="number of quotations")
    story_id: int | None = Field(
        default=None, description="its story: copies of one dispatch (GET /api/stories/{id})"
    )
    story_size: int = Field(default=1, description="articles in its story")


class ActorRow(_Row):
    id: str = Field(description="canonical actor id: kb:<slug>, country:<ISO3> or name:<slug>")
    name: str
    type: str | None = None
    country: str | None = None
    kb: bool = Field(description="from the shipped knowledge base")
    quotes: int = Field(description="quotations the actor is the speaker of")
    articles: int = Field(description="articles that mention the actor")
    addressed: int = Field(description="quotations addressed to the actor")
    aliases: list[str] = Field(description="the most frequent names seen (at most 5)")


class MonthCount(BaseModel):
    month: str = Field(description="YYYY-MM")
    quotes: int


class Link(BaseModel):
    id: str = Field(description="actor id")
    name: str
    quotes: int


class ActorDetail(_Row):
    id: str
    name: str
    type: str | None = None
    country: str | None = None
    kb: bool
    roles: list[str] = Field(description="dated offices (knowledge-base actors)")
    aliases: list[str] = Field(description="every name seen, most frequent first")
    quotes: int
    articles: int
    timeline: list[MonthCount] = Field(description="quotations by the actor per month")
    addressed: list[Link] = Field(description="whom the actor's quotations were addressed to")
    addressed_by: list[Link] = Field(description="who addressed quotations to the actor")


class EventParticipantRow(BaseModel):
    name: str
    country: str | None = Field(default=None, description="ISO 3166 alpha-3 it acts for")
    actor_id: str | None = Field(default=None, description="canonical actor id")


class EventRow(_Row):
    id: int = Field(description="store id of the event")
    article_id: int = Field(description="store id of its article (GET /api/articles/{id})")
    n: int | None = Field(default=None, description="its position in the article's events")
    published: str | None = None
    lang: str | None = None
    domain: str | None = None
    type: str = Field(description="PLOVER type: AGREE … ASSAULT")
    group: str = Field(
        description="cooperation (AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT) "
        "or conflict (REQUEST … ASSAULT)"
    )
    mode: str | None = None
    actor: list[EventParticipantRow] = Field(description="who acted")
    recipient: list[EventParticipantRow] = Field(description="whom the act was aimed at")
    trigger: str = Field(description="the words that report the act")
    start: int = Field(description="the trigger's offset in the article's text")
    end: int
    sentence: str | None = Field(default=None, description="the sentence reporting it")
    flags: list[str] = Field(description="negated, hypothetical, future, historical")
    confidence: float
    title: str | None = Field(default=None, description="the article's title")
    url: str | None = Field(default=None, description="the article's URL")
    story_id: int | None = Field(default=None, description="the story of its article")
    copies: int | None = Field(
        default=None, description="with `dedupe`: copies of this act in the story's articles"
    )
    article_ids: list[int] | None = Field(
        default=None, description="with `dedupe`: the articles reporting it"
    )


class MonthTypeCount(BaseModel):
    month: str = Field(description="YYYY-MM")
    type: str
    group: str = Field(description="cooperation or conflict")
    events: int


class CountryPair(BaseModel):
    a: str = Field(description="ISO 3166 alpha-3")
    b: str
    a_name: str
    b_name: str
    events: int = Field(description="events with a participant of each country, either role")
    types: dict[str, int] = Field(description="those events per type")
    monthly: list[MonthTypeCount] = Field(
        description="per month and type, oldest first (dated events only)"
    )


class ArticleDetail(_Row):
    id: int = Field(description="store id")
    hash: str
    record_id: str | None = None
    source: str | None = None
    url: str | None = None
    domain: str | None = None
    title: str | None = None
    published: str | None = None
    lang: str | None = None
    agencies: list[str] = []
    story_id: int | None = Field(default=None, description="its story (GET /api/stories/{id})")
    story_size: int = Field(default=1, description="articles in its story")
    article: Article = Field(
        description="the full Article (docs/schema.md): text, removed junk, quotes with "
        "spans, entities with mentions"
    )
    quotes: list[dict] = Field(
        description="store rows of its quotations, in order (`n`), with canonical actor ids"
    )
    entities: list[dict] = Field(description="its entities with their canonical actor ids")
    events: list[EventRow] = Field(
        default=[],
        description="its political events in order (`n`, as in `article.events`): type, "
        "actors and recipients with countries and canonical actor ids, trigger span, sentence",
    )


class StoryRow(_Row):
    id: int = Field(description="story id (GET /api/stories/{id})")
    size: int = Field(description="articles in the story: copies of one dispatch")
    first_published: str | None = None
    last_published: str | None = None
    representative: int = Field(
        description="article id of the earliest published member (agency-credited first)"
    )
    title: str | None = Field(
        default=None, description="the representative's title (else its text's start)"
    )
    domain: str | None = None
    url: str | None = None
    lang: str | None = None
    sources: int = Field(description="distinct site domains among the members")
    translations: int = Field(description="links to articles in other languages")


class StoryMember(_Row):
    id: int = Field(description="article id")
    hash: str
    record_id: str | None = None
    title: str | None = None
    url: str | None = None
    domain: str | None = None
    published: str | None = None
    lang: str | None = None
    agencies: list[str] = []
    similarity: float | None = Field(
        default=None, description="best estimated overlap with another member (0–1)"
    )
    representative: bool


class Translation(_Row):
    article_id: int = Field(description="the article in another language")
    title: str | None = None
    lang: str | None = None
    story_id: int | None = Field(default=None, description="its own story")
    score: float = Field(description="Jaccard of shared facts (numbers, actors)")


class SourceCount(BaseModel):
    domain: str
    articles: int


class StoryDetail(_Row):
    id: int
    size: int
    representative: int
    first_published: str | None = None
    last_published: str | None = None
    members: list[StoryMember] = Field(description="its articles, oldest first")
    sources: list[SourceCount] = Field(description="domains and their articles, most first")
    translations: list[Translation] = Field(
        description="articles in other languages sharing many facts: a weaker link that "
        "does not merge stories"
    )
    quotes: int = Field(description="its quotations, each counted once over the copies")
    quote_copies: int = Field(description="its quotations, every copy counted")
