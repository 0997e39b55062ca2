"""HTML pages: home, search, article, actors, actor, stories, story, events, country pairs,
API documentation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from wirelens.api import queries
from wirelens.api.deps import StoreDep
from wirelens.store import ArticleQuery, QuoteQuery
from wirelens.store.base import EventQuery
from wirelens.web import render
from wirelens.web.charts import republication, stacked_events, timeline
from wirelens.web.highlight import highlight

PAGE = 20
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]
Text = Annotated[str | None, Query(max_length=300)]
StoryId = Annotated[int, Path(ge=1, le=2**63 - 1)]
Iso3 = Annotated[str, Path(pattern=r"^[A-Za-z]{3}$")]
Flag = Annotated[str | None, Query(max_length=20)]


def with_pairs(events: list[dict]) -> list[dict]:
    """Each participant with a country gets `pair_with`: the country of another participant
    (a recipient's for an actor, else another actor's; and the other way round), so that the
    page links it to the events between the two countries; None when there is none."""
    for ev in events:
        for role, other in (("actor", "recipient"), ("recipient", "actor")):
            people = ev.get(role) or []
            for p in people:
                if not p.get("country"):
                    continue
                found = [o["country"] for o in ev.get(other) or [] if o.get("country")]
                found = found or [o["country"] for o in people if o is not p and o.get("country")]
                p["pair_with"] = found[0] if found else None
    return events


def _flag(value: str | None) -> str | None:
    if not value:
        return None
    if value.lower() not in queries.EVENT_FLAGS:
        raise HTTPException(400, f"unknown flag {value!r}: one of {', '.join(queries.EVENT_FLAGS)}")
    return value.lower()


def _event_type(value: str | None) -> str | None:
    if not value:
        return None
    if value.upper() not in queries.EVENT_TYPES:
        raise HTTPException(400, f"unknown event type {value!r}")
    return value.upper()


@router.get("/")
def home(request: Request, store: StoreDep):
    stats = store.stats()
    recent = store.articles(ArticleQuery(limit=8))
    event_types = [
        (t, queries.event_group(t), n) for t, n in (stats.get("event_types") or {}).items()
    ]
    return render(
        request,
        "home.html",
        stats=stats,
        recent=recent,
        event_types=event_types,
        pairs=queries.country_pairs(store, 5),
    )


@router.get("/search")
def search(
    request: Request,
    store: StoreDep,
    q: Text = None,
    speaker: Text = None,
    to: Text = None,
    since: Text = None,
    until: Text = None,
    lang: Text = None,
    source: Text = None,
    offset: Offset = 0,
    aoffset: Offset = 0,
    copies: bool = False,
):
    """Quotations are counted once per story (syndicated copies) unless `copies` is set."""
    params = {
        "q": q,
        "speaker": speaker,
        "to": to,
        "since": since,
        "until": until,
        "lang": lang,
        "source": source,
        "copies": 1 if copies else None,
    }
    common = {"since": since, "until": until, "lang": lang, "source": source}
    qq = QuoteQuery(
        speaker=speaker, about=q, to=to, dedupe=not copies, limit=PAGE, offset=offset, **common
    )
    quotes = store.quotes(qq)
    quote_total = store.count_quotes(qq)
    aq = ArticleQuery(text=q, limit=PAGE, offset=aoffset, **common)
    articles = queries.with_stories(store, store.articles(aq))
    article_total = store.count_articles(aq)
    return render(
        request,
        "search.html",
        params=params,
        quotes=quotes,
        quote_total=quote_total,
        offset=offset,
        articles=articles,
        article_total=article_total,
        aoffset=aoffset,
        page=PAGE,
        people_filter=bool(speaker or to),
        dedupe=not copies,
    )


@router.get("/articles/{ref}")
def article(request: Request, ref: str, store: StoreDep):
    found = store.article(ref)
    if found is None:
        raise HTTPException(404, f"no article {ref!r}")
    doc = found["article"]
    marked = highlight(doc, found["quotes"])
    rows = {r["n"]: r for r in found["quotes"]}
    quotes = [
        {**q, "row": rows.get(i, {}), "speaker_info": marked.quote_speaker[i]}
        for i, q in enumerate(doc.get("quotes") or [])
    ]
    story_id, story_size = queries.story_sizes(store, [found["id"]]).get(found["id"], (None, 1))
    # the Article's events, with the stored rows' actor ids where the store has them
    stored = {r["n"]: r for r in queries.article_events(store, found["id"])}
    events = []
    for i, ev in enumerate(doc.get("events") or []):
        row = stored.get(i, {})
        events.append(
            {
                **ev,
                "group": queries.event_group(ev.get("type")),
                "trigger": (ev.get("trigger") or {}).get("text"),
                "actor": [dict(p) for p in row.get("actor", ev.get("actor") or [])],
                "recipient": [dict(p) for p in row.get("recipient", ev.get("recipient") or [])],
            }
        )
    return render(
        request,
        "article.html",
        art=found,
        doc=doc,
        marked=marked,
        quotes=quotes,
        events=with_pairs(events),
        story={"id": story_id, "size": story_size} if story_id is not None else None,
    )


@router.get("/actors")
def actors(request: Request, store: StoreDep, name: Text = None, offset: Offset = 0):
    items = queries.actors_page(store, PAGE, offset, name)
    total = queries.count_actors(store, name)
    return render(
        request,
        "actors.html",
        items=items,
        total=total,
        offset=offset,
        page=PAGE,
        params={"name": name},
    )


@router.get("/actors/{actor_id}")
def actor(
    request: Request, actor_id: str, store: StoreDep, offset: Offset = 0, eoffset: Offset = 0
):
    found = store.actor(actor_id)
    if found is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    links = store.actor_links(actor_id)
    quotes = queries.actor_quotes(store, actor_id, PAGE, offset)
    events = queries.actor_events(store, actor_id, PAGE, eoffset, dedupe=True)
    return render(
        request,
        "actor.html",
        actor=found,
        chart=timeline(store.actor_timeline(actor_id)),
        links=links,
        quotes=quotes,
        total=queries.count_actor_quotes(store, actor_id),
        offset=offset,
        events=with_pairs(events),
        event_total=queries.count_actor_events(store, actor_id, dedupe=True),
        eoffset=eoffset,
        page=PAGE,
        params={"offset": offset or None, "eoffset": eoffset or None},
    )


@router.get("/stories")
def stories(
    request: Request,
    store: StoreDep,
    min_size: Annotated[int, Query(ge=1, le=1_000_000_000)] = 2,
    since: Text = None,
    until: Text = None,
    offset: Offset = 0,
):
    """Stories largest first; by default only those with copies (`min_size` 2)."""
    items = store.stories(since, until, min_size, PAGE, offset)
    total = queries.count_stories(store, since, until, min_size)
    return render(
        request,
        "stories.html",
        items=items,
        total=total,
        offset=offset,
        page=PAGE,
        params={"min_size": min_size, "since": since, "until": until},
    )


@router.get("/stories/{story_id}")
def story(request: Request, story_id: StoryId, store: StoreDep, offset: Offset = 0):
    found = queries.story_detail(store, story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id}")
    qq = QuoteQuery(story=story_id, dedupe=True, limit=PAGE, offset=offset)
    rep = next((m for m in found["members"] if m["representative"]), None)
    return render(
        request,
        "story.html",
        story=found,
        rep=rep,
        chart=republication([m["published"] for m in found["members"]]),
        quotes=store.quotes(qq),
        offset=offset,
        page=PAGE,
        params={},
    )


@router.get("/events")
def events(
    request: Request,
    store: StoreDep,
    type: Text = None,  # noqa: A002
    actor: Text = None,
    recipient: Text = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$|^$")] = None,
    flag: Flag = None,
    since: Text = None,
    until: Text = None,
    lang: Text = None,
    source: Text = None,
    offset: Offset = 0,
    copies: bool = False,
):
    """Events with the filters of `wirelens events`; an act repeated by copies of one story
    counts once unless `copies` is set."""
    params = {
        "type": type,
        "actor": actor,
        "recipient": recipient,
        "country": country,
        "flag": flag,
        "since": since,
        "until": until,
        "lang": lang,
        "source": source,
        "copies": 1 if copies else None,
    }
    query = EventQuery(
        type=_event_type(type),
        actor=actor,
        recipient=recipient,
        country=country or None,
        flag=_flag(flag),
        since=since,
        until=until,
        lang=lang,
        source=source,
        dedupe=not copies,
        limit=PAGE,
        offset=offset,
    )
    items = queries.add_groups(store.events(query))
    return render(
        request,
        "events.html",
        items=with_pairs(items),
        total=store.count_events(query),
        offset=offset,
        page=PAGE,
        params=params,
        types=queries.EVENT_TYPES,
        flags=queries.EVENT_FLAGS,
        dedupe=not copies,
    )


@router.get("/countries")
def countries(
    request: Request,
    store: StoreDep,
    a: Annotated[str | None, Query(max_length=20)] = None,
    b: Annotated[str | None, Query(max_length=20)] = None,
):
    """The form choosing two countries (it redirects to their page) and the pairs with most
    events."""
    a, b = (a or "").strip().upper(), (b or "").strip().upper()
    error = None
    if a or b:
        bad = [c for c in (a, b) if not (len(c) == 3 and c.isalpha() and c.isascii())]
        bad = bad or [c for c in (a, b) if not queries.known_country(store, c)]
        if not bad:
            return RedirectResponse(f"/countries/{a}/{b}", status_code=303)
        error = f"not an ISO 3166 alpha-3 code: {bad[0] or '(empty)'}"
    codes = queries.event_countries(store)
    return render(
        request,
        "countries.html",
        status_code=400 if error else 200,
        error=error,
        a=a,
        b=b,
        pairs=queries.country_pairs(store, 30),
        countries=[(c, queries.country_label(c)) for c in codes],
    )


@router.get("/countries/{a}/{b}")
def country_pair(
    request: Request,
    a: Iso3,
    b: Iso3,
    store: StoreDep,
    type: Text = None,  # noqa: A002
    since: Text = None,
    until: Text = None,
    offset: Offset = 0,
    copies: bool = False,
):
    """Events between two countries: monthly counts per type as stacked bars (cooperation
    above the axis, conflict below) and the events; acts repeated by copies of one story
    count once unless `copies` is set."""
    a, b = a.upper(), b.upper()
    for code in (a, b):
        if not queries.known_country(store, code):
            raise HTTPException(404, f"no country {code!r} (ISO 3166 alpha-3)")
    dedupe = not copies
    span = {"since": since, "until": until, "dedupe": dedupe}
    kw = {"type_": _event_type(type), **span}
    items = queries.pair_events(store, a, b, PAGE, offset, **kw)
    return render(
        request,
        "country_pair.html",
        a=a,
        b=b,
        a_name=queries.country_label(a),
        b_name=queries.country_label(b),
        chart=stacked_events(queries.pair_monthly(store, a, b, **span), queries.EVENT_TYPES),
        types=queries.pair_types(store, a, b, **span),
        items=with_pairs(items),
        total=queries.count_pair_events(store, a, b, **kw),
        offset=offset,
        page=PAGE,
        params={
            "type": type,
            "since": since,
            "until": until,
            "copies": 1 if copies else None,
        },
        dedupe=dedupe,
    )


@router.get("/docs")
def docs(request: Request):
    """The OpenAPI schema as a page (served from here: Swagger UI would need a CDN)."""
    return render(request, "docs.html", api=request.app.openapi())
