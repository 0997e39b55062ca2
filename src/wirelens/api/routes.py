"""The JSON API under `/api/`: read-only queries of the store, and `POST /api/extract`."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from wirelens.api import queries
from wirelens.api.deps import StoreDep
from wirelens.api.extract import ExtractRequest
from wirelens.api.models import (
    ActorDetail,
    ActorRow,
    ArticleDetail,
    ArticleRow,
    CountryPair,
    EventRow,
    Page,
    QuoteRow,
    StoryDetail,
    StoryRow,
)
from wirelens.errors import RecordError
from wirelens.store import ArticleQuery, QuoteQuery
from wirelens.store.base import EventQuery

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000
MAX_ID = 2**63 - 1  # SQLite's largest integer

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size (1–{MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="results to skip")]
Since = Annotated[
    str | None, Query(description="published on or after (YYYY-MM-DD)", examples=["2022-01-01"])
]
Until = Annotated[str | None, Query(description="published on or before (YYYY-MM-DD)")]
Lang = Annotated[str | None, Query(description="article language (fr, en)", max_length=20)]
Source = Annotated[
    str | None, Query(description='site domain ("lesoir.be") or suffix ("be")', max_length=300)
]
Name = Annotated[str | None, Query(max_length=300)]
EventType = Annotated[
    str | None,
    Query(description="PLOVER type: " + ", ".join(queries.EVENT_TYPES), max_length=20),
]
Flag = Annotated[
    Literal["negated", "hypothetical", "future", "historical"] | None,
    Query(description="only events with this flag"),
]
EventDedupe = Annotated[
    bool,
    Query(
        description="count an act repeated by copies of one story once: one row each, with "
        "`copies` and `article_ids`"
    ),
]
Country = Annotated[
    str,
    Path(pattern=r"^[A-Za-z]{3}$", description="ISO 3166 alpha-3 code (RUS, UKR)"),
]


def _page(total: int, limit: int, offset: int, items: list) -> dict:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/stats", summary="Corpus figures")
def stats(store: StoreDep) -> dict:
    """Articles, quotations, actors, speakers, errors and runs; first and last publication
    dates; articles per language and per source (top 10); quotations per type; the ten most
    quoted speakers."""
    out = store.stats()
    out.pop("store", None)  # the file path stays on the server
    return out


@router.get("/articles", summary="Search articles", response_model=Page[ArticleRow])
def articles(
    store: StoreDep,
    q: Annotated[
        str | None, Query(description="words that must all occur in the title or text")
    ] = None,
    since: Since = None,
    until: Until = None,
    lang: Lang = None,
    source: Source = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Articles matching every filter given, newest first (accents and case ignored)."""
    query = ArticleQuery(
        text=q, since=since, until=until, lang=lang, source=source, limit=limit, offset=offset
    )
    items = queries.with_stories(store, store.articles(query))
    return _page(store.count_articles(query), limit, offset, items)


_NOT_FOUND = {404: {"description": "no such article, actor, story or country"}}


@router.get(
    "/articles/{ref}", summary="One article", response_model=ArticleDetail, responses=_NOT_FOUND
)
def article(ref: str, store: StoreDep) -> dict:
    """An article by store id, content-hash prefix (6+ hex digits) or record id: its full
    Article JSON (text, removed junk, quotations with spans, entities with mentions, events),
    its stored quotation, entity and event rows with their canonical actor ids (`events`:
    type, actors and recipients with countries, trigger span, sentence), and its story."""
    found = store.article(ref)
    if found is None:
        raise HTTPException(404, f"no article {ref!r}")
    found["story_id"], found["story_size"] = queries.story_sizes(store, [found["id"]]).get(
        found["id"], (None, 1)
    )
    found["events"] = queries.article_events(store, found["id"])
    return found


@router.get("/quotes", summary="Search quotations", response_model=Page[QuoteRow])
def quotes(
    store: StoreDep,
    speaker: Annotated[
        str | None, Query(description='a name or alias of the speaker ("Poutine", "Xi")')
    ] = None,
    about: Annotated[
        str | None, Query(description="words that must all occur in the quotation")
    ] = None,
    to: Annotated[str | None, Query(description="a name or alias of the addressee")] = None,
    since: Since = None,
    until: Until = None,
    lang: Lang = None,
    source: Source = None,
    story: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="only quotations of this story's articles")
    ] = None,
    dedupe: Annotated[
        bool,
        Query(
            description="count a quotation repeated by copies of one story once (same "
            "speaker, same words): one row each, with `copies` and `article_ids`"
        ),
    ] = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Quotations matching every filter given, newest first: the filters of `wirelens quotes`.
    With `dedupe=true`, a quotation repeated by copies of one story (syndication) is one row,
    and `total` counts it once; without it (the default), every copy is a row."""
    query = QuoteQuery(
        speaker=speaker,
        about=about,
        to=to,
        since=since,
        until=until,
        lang=lang,
        source=source,
        story=story,
        dedupe=dedupe,
        limit=limit,
        offset=offset,
    )
    return _page(store.count_quotes(query), limit, offset, store.quotes(query))


@router.get("/actors", summary="Actors, most quoted first", response_model=Page[ActorRow])
def actors(store: StoreDep, name: Name = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    """Canonical actors with their quotation, article and addressed counts and main aliases;
    `name`: only the actors a name or alias may mean."""
    total = queries.count_actors(store, name)
    return _page(total, limit, offset, queries.actors_page(store, limit, offset, name))


def _actor(store, actor_id: str) -> dict:
    found = store.actor(actor_id)
    if found is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    return found


@router.get(
    "/actors/{actor_id}", summary="One actor", response_model=ActorDetail, responses=_NOT_FOUND
)
def actor(actor_id: str, store: StoreDep) -> dict:
    """An actor (id such as `kb:vladimir-putin`): names and aliases, roles, counts, quotations
    per month, and whom they addressed and who addressed them."""
    found = _actor(store, actor_id)
    found["timeline"] = store.actor_timeline(actor_id)
    found.update(store.actor_links(actor_id))
    return found


@router.get(
    "/actors/{actor_id}/quotes",
    summary="An actor's quotations",
    response_model=Page[QuoteRow],
    responses=_NOT_FOUND,
)
def actor_quotes(actor_id: str, store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> dict:
    """Quotations whose speaker is this actor, newest first."""
    _actor(store, actor_id)
    total = queries.count_actor_quotes(store, actor_id)
    return _page(total, limit, offset, queries.actor_quotes(store, actor_id, limit, offset))


@router.get("/stories", summary="Stories, largest first", response_model=Page[StoryRow])
def stories(
    store: StoreDep,
    since: Annotated[
        str | None, Query(description="last published on or after (YYYY-MM-DD)")
    ] = None,
    until: Annotated[
        str | None, Query(description="first published on or before (YYYY-MM-DD)")
    ] = None,
    min_size: Annotated[
        int, Query(ge=1, le=MAX_OFFSET, description="at least this many articles")
    ] = 1,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Stories: copies of one dispatch republished by several sites, grouped as they are
    stored (near-duplicate texts). Largest first, with their representative article (the
    earliest published), number of sources and cross-language links; `min_size=2`: only
    stories with copies."""
    total = queries.count_stories(store, since, until, min_size)
    items = store.stories(since, until, min_size, limit, offset)
    return _page(total, limit, offset, items)


@router.get(
    "/stories/{story_id}",
    summary="One story",
    response_model=StoryDetail,
    responses=_NOT_FOUND,
)
def story(
    story_id: Annotated[int, Path(ge=1, le=MAX_ID, description="story id")], store: StoreDep
) -> dict:
    """A story: its articles oldest first (date, source, similarity, the representative
    marked), its sources, articles in other languages linked to it (translations, a weaker
    link), and its number of quotations counted once and with every copy. Its quotations:
    `GET /api/quotes?story={id}&dedupe=true`."""
    found = queries.story_detail(store, story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id}")
    return found


def _event_type(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if value.upper() not in queries.EVENT_TYPES:
        raise HTTPException(
            422, f"unknown event type {value!r}: one of {', '.join(queries.EVENT_TYPES)}"
        )
    return value.upper()


@router.get("/events", summary="Search political events", response_model=Page[EventRow])
def events(
    store: StoreDep,
    type: EventType = None,  # noqa: A002 (the parameter's public name)
    actor: Annotated[
        str | None, Query(description="a name, alias or ISO3 code of an actor", max_length=300)
    ] = None,
    recipient: Annotated[
        str | None,
        Query(description="a name, alias or ISO3 code of a recipient", max_length=300),
    ] = None,
    country: Annotated[
        str | None,
        Query(pattern=r"^[A-Za-z]{3}$", description="any participant acting for this country"),
    ] = None,
    since: Since = None,
    until: Until = None,
    flag: Flag = None,
    lang: Lang = None,
    source: Source = None,
    dedupe: EventDedupe = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """PLOVER events (who did what to whom) matching every filter given, newest first: the
    filters of `wirelens events`. Each has its type and group (cooperation or conflict),
    mode, actors and recipients (name, country, actor id), trigger, sentence and flags."""
    query = EventQuery(
        type=_event_type(type),
        actor=actor,
        recipient=recipient,
        country=country,
        since=since,
        until=until,
        flag=flag,
        lang=lang,
        source=source,
        dedupe=dedupe,
        limit=limit,
        offset=offset,
    )
    items = queries.add_groups(store.events(query))
    return _page(store.count_events(query), limit, offset, items)


@router.get(
    "/actors/{actor_id}/events",
    summary="An actor's events",
    response_model=Page[EventRow],
    responses=_NOT_FOUND,
)
def actor_events(
    actor_id: str,
    store: StoreDep,
    role: Annotated[
        Literal["actor", "recipient"] | None,
        Query(description="only as actor, or only as recipient (default: either)"),
    ] = None,
    dedupe: EventDedupe = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Events this actor took part in, as actor or recipient, newest first."""
    _actor(store, actor_id)
    total = queries.count_actor_events(store, actor_id, role, dedupe)
    items = queries.actor_events(store, actor_id, limit, offset, role, dedupe)
    return _page(total, limit, offset, items)


def _countries(store, a: str, b: str) -> tuple[str, str]:
    for code in (a, b):
        if not queries.known_country(store, code):
            raise HTTPException(404, f"no country {code.upper()!r} (ISO 3166 alpha-3)")
    return a.upper(), b.upper()


@router.get(
    "/countries/{a}/{b}", summary="Events between two countries", response_model=CountryPair
)
def country_pair(
    a: Country,
    b: Country,
    store: StoreDep,
    since: Since = None,
    until: Until = None,
    dedupe: EventDedupe = False,
) -> dict:
    """Events with a participant acting for country `a` and another for `b`, in either role:
    their number, per type, and per month and type (the data of the web page's plot,
    cooperation above the axis and conflict below). The events: `/api/countries/{a}/{b}/events`."""
    a, b = _countries(store, a, b)
    monthly = queries.pair_monthly(store, a, b, since=since, until=until, dedupe=dedupe)
    types = queries.pair_types(store, a, b, since=since, until=until, dedupe=dedupe)
    return {
        "a": a,
        "b": b,
        "a_name": queries.country_label(a),
        "b_name": queries.country_label(b),
        "events": sum(types.values()),
        "types": types,
        "monthly": monthly,
    }


@router.get(
    "/countries/{a}/{b}/events",
    summary="The events between two countries",
    response_model=Page[EventRow],
    responses=_NOT_FOUND,
)
def country_pair_events(
    a: Country,
    b: Country,
    store: StoreDep,
    type: EventType = None,  # noqa: A002
    since: Since = None,
    until: Until = None,
    dedupe: EventDedupe = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict:
    """Events with a participant acting for country `a` and another for `b` (either role),
    newest first."""
    a, b = _countries(store, a, b)
    kw = {"type_": _event_type(type), "since": since, "until": until, "dedupe": dedupe}
    total = queries.count_pair_events(store, a, b, **kw)
    return _page(total, limit, offset, queries.pair_events(store, a, b, limit, offset, **kw))


_EXTRACT_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": ExtractRequest.model_json_schema()},
        "text/plain": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
    },
}


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"request body over {limit:,} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"request body over {limit:,} bytes")
    return bytes(body)


@router.post(
    "/extract",
    summary="Extract an article without storing it",
    response_model=None,
    openapi_extra={"requestBody": _EXTRACT_BODY},
    responses={
        200: {"description": "the Article JSON (docs/schema.md)"},
        413: {"description": "body over the size limit"},
        415: {"description": "not JSON, text/plain or text/html"},
        422: {"description": "bad body, or a text the pipeline cannot process"},
    },
)
async def extract(request: Request) -> JSONResponse:
    """Run the pipeline (cleaning, metadata, spaCy, quotations) on one article and return the
    Article JSON; nothing is stored. The body is JSON `{"text" | "html", "id", "url", "title",
    "published", "lang"}` (only `text` or `html` is required), or the bare text
    (`Content-Type: text/plain`) or HTML page (`text/html`), UTF-8. Bodies over the size limit
    (1 MB by default) get 413. The first call loads the spaCy model (a few seconds)."""
    body = await _read_body(request, request.app.state.max_extract_bytes)
    ctype = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    if ctype == "application/json":
        try:
            req = ExtractRequest.model_validate_json(body)
        except ValidationError as exc:
            raise RequestValidationError(exc.errors(include_url=False)) from None
    elif ctype in ("text/plain", "text/html"):
        try:
            content = body.decode("utf-8")
        except UnicodeDecodeError:
            raise HTTPException(400, "the body is not UTF-8") from None
        req = ExtractRequest(**{"text" if ctype == "text/plain" else "html": content})
    else:
        raise HTTPException(415, f"unsupported content type {ctype!r}")
    try:
        art = await run_in_threadpool(request.app.state.extractor, req)
    except RecordError as exc:
        raise HTTPException(422, exc.reason) from None
    except RuntimeError as exc:  # the spaCy model is not installed
        raise HTTPException(503, str(exc)) from None
    return JSONResponse(art.to_dict())
