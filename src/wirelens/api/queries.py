"""Read-only queries the web API needs and the `Store` interface lacks (SQLite, SQL only).

Paginated actor lists with a total, an actor's own quotations by actor id (a `QuoteQuery`
filters by name, which may mean several actors), and the number of actors.
"""

from __future__ import annotations

from wirelens.store import SQLiteStore

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
