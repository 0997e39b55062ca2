"""HTML pages: home, search, article, actors, actor, stories, story, API documentation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from wirelens.api import queries
from wirelens.api.deps import StoreDep
from wirelens.store import ArticleQuery, QuoteQuery
from wirelens.web import render
from wirelens.web.charts import republication, timeline
from wirelens.web.highlight import highlight

PAGE = 20
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]
Text = Annotated[str | None, Query(max_length=300)]
StoryId = Annotated[int, Path(ge=1, le=2**63 - 1)]


@router.get("/")
def home(request: Request, store: StoreDep):
    stats = store.stats()
    recent = store.articles(ArticleQuery(limit=8))
    return render(request, "home.html", stats=stats, recent=recent)


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
    return render(
        request,
        "article.html",
        art=found,
        doc=doc,
        marked=marked,
        quotes=quotes,
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
def actor(request: Request, actor_id: str, store: StoreDep, offset: Offset = 0):
    found = store.actor(actor_id)
    if found is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    links = store.actor_links(actor_id)
    quotes = queries.actor_quotes(store, actor_id, PAGE, offset)
    return render(
        request,
        "actor.html",
        actor=found,
        chart=timeline(store.actor_timeline(actor_id)),
        links=links,
        quotes=quotes,
        total=queries.count_actor_quotes(store, actor_id),
        offset=offset,
        page=PAGE,
        params={},
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


@router.get("/docs")
def docs(request: Request):
    """The OpenAPI schema as a page (served from here: Swagger UI would need a CDN)."""
    return render(request, "docs.html", api=request.app.openapi())
