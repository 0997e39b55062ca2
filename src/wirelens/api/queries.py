"""Read-only queries the web API needs and the `Store` interface lacks (SQLite, SQL only).

Paginated actor lists with a total, an actor's own quotations by actor id (a `QuoteQuery`
filters by name, which may mean several actors), and the number of actors; the number of
stories matching `Store.stories`' filters, a story with its sources and quotation counts, and
articles' story ids and sizes.
"""

from __future__ import annotations

import json

from wirelens.store import QuoteQuery, SQLiteStore
from wirelens.store.sqlite import _check_date, _day_after

_QUOTE_COLUMNS = (
    "q.id, q.article_id, q.n, q.published, q.lang, q.domain, q.type, q.speaker, "
    "q.speaker_actor, q.speaker_mention, q.speaker_kind, q.cue, q.addressee, "
    "q.addressee_actor, q.text, q.start, q.end, q.confidence, a.title, a.url"
)


def _actor_filter(store: SQLiteStore, name: str | None) -> tuple[str, list]:
    if not name:
        return "", []
    ids = store._actor_ids(name)  # the name matching of `wirelens actors --name`
    return f" WHERE ac.id IN ({','.join('?' * len(ids))})", list(ids)


def count_actors(store: SQLiteStore, name: str | None = None) -> int:
    where, args = _actor_filter(store, name)
    return store.db.execute(f"SELECT count(*) FROM actors ac{where}", args).fetchone()[0]


def actors_page(store: SQLiteStore, limit: int, offset: int, name: str | None = None) -> list[dict]:
    """Actors most quoted first (the order of `Store.actors`), one page of them."""
    where, args = _actor_filter(store, name)
    sql = (
        "SELECT ac.id, ac.name, ac.type, ac.country, ac.kb, "
        "(SELECT count(*) FROM quotes q WHERE q.speaker_actor = ac.id) AS quotes, "
        "(SELECT count(DISTINCT e.article_id) FROM entities e WHERE e.actor_id = ac.id) "
        "AS articles, "
        "(SELECT count(*) FROM quotes q WHERE q.addressee_actor = ac.id) AS addressed "
        f"FROM actors ac{where} ORDER BY quotes DESC, articles DESC, ac.name LIMIT ? OFFSET ?"
    )
    out = []
    for r in store.db.execute(sql, [*args, int(limit), int(offset)]):
        row = dict(r)
        row["kb"] = bool(row["kb"])
        row["aliases"] = [
            a[0]
            for a in store.db.execute(
                "SELECT alias FROM aliases WHERE actor_id = ? ORDER BY count DESC, alias LIMIT 5",
                (row["id"],),
            )
        ]
        out.append(row)
    return out


def actor_quotes(store: SQLiteStore, actor_id: str, limit: int, offset: int) -> list[dict]:
    """Quotations whose speaker is this actor, newest first."""
    sql = (
        f"SELECT {_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE q.speaker_actor = ? ORDER BY q.published DESC, q.id LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in store.db.execute(sql, (actor_id, int(limit), int(offset)))]


def count_actor_quotes(store: SQLiteStore, actor_id: str) -> int:
    return store.db.execute(
        "SELECT count(*) FROM quotes WHERE speaker_actor = ?", (actor_id,)
    ).fetchone()[0]


# -- stories ---------------------------------------------------------------------------------


def count_stories(
    store: SQLiteStore, since: str | None = None, until: str | None = None, min_size: int = 1
) -> int:
    """Stories `Store.stories` lists with these filters, all pages together."""
    where, args = ["s.size >= ?"], [int(min_size)]
    if since:
        where.append("s.last_published >= ?")
        args.append(_check_date(since))
    if until:
        where.append("s.first_published < ?")
        args.append(_day_after(until))
    sql = (
        "SELECT count(*) FROM stories s JOIN articles a ON a.id = s.representative "
        f"WHERE {' AND '.join(where)}"
    )
    return store.db.execute(sql, args).fetchone()[0]


def story_detail(store: SQLiteStore, story_id: int) -> dict | None:
    """`Store.story` with agencies as lists, each member marked `representative` or not,
    `sources` (domains with their number of articles, most first), `quotes` (counted once)
    and `quote_copies` (every copy counted)."""
    found = store.story(story_id)
    if found is None:
        return None
    sources: dict[str, int] = {}
    for m in found["members"]:
        agencies = m.get("agencies")
        m["agencies"] = json.loads(agencies) if isinstance(agencies, str) else agencies or []
        m["representative"] = m["id"] == found["representative"]
        key = m.get("domain") or "(no url)"
        sources[key] = sources.get(key, 0) + 1
    found["sources"] = [
        {"domain": d, "articles": n}
        for d, n in sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    found["quote_copies"] = store.count_quotes(QuoteQuery(story=story_id, limit=None))
    return found


def story_sizes(store: SQLiteStore, article_ids: list[int]) -> dict[int, tuple[int | None, int]]:
    """article id → (story id, story size) for these articles (size 1 without a story)."""
    out: dict[int, tuple[int | None, int]] = {}
    ids = sorted({int(i) for i in article_ids})
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for aid, story, size in store.db.execute(
            "SELECT a.id, a.story_id, s.size FROM articles a "
            "LEFT JOIN stories s ON s.id = a.story_id "
            f"WHERE a.id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            out[aid] = (story, size or 1)
    return out


def with_stories(store: SQLiteStore, rows: list[dict]) -> list[dict]:
    """Article rows with their `story_id` and `story_size` added."""
    found = story_sizes(store, [r["id"] for r in rows])
    for row in rows:
        row["story_id"], row["story_size"] = found.get(row["id"], (None, 1))
    return rows
