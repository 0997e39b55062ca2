"""Read-only queries the web API needs and the `Store` interface lacks (SQLite, SQL only).

Paginated actor lists with a total, an actor's own quotations by actor id (a `QuoteQuery`
filters by name, which may mean several actors), and the number of actors; the number of
stories matching `Store.stories`' filters, a story with its sources and quotation counts, and
articles' story ids and sizes; events: an article's stored events, an actor's events (by actor
id, as actor or recipient), events between two countries (a participant of each, either role)
with their counts per type and per month, and the country pairs with most events.
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
    ids = store.actor_ids(name)  # the name matching of `wirelens actors --name`
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
    return store.count_stories(since, until, min_size)


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


# -- events ----------------------------------------------------------------------------------

COOPERATION = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT")
CONFLICT = (
    *("REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE"),
    "ASSAULT",
)
EVENT_TYPES = (*COOPERATION, *CONFLICT)  # PLOVER's order, from cooperation to conflict
EVENT_FLAGS = ("negated", "hypothetical", "future", "historical")


def event_group(event_type: str | None) -> str:
    """ "cooperation" or "conflict" (an unknown type counts as conflict: below the axis)."""
    return "cooperation" if (event_type or "").upper() in COOPERATION else "conflict"


_EVENT_COLUMNS = (
    "e.article_id, e.n, e.published, e.lang, e.domain, e.type, e.mode, e.trigger, e.start, "
    "e.end, e.flags, e.confidence, substr(a.text, e.sentence_start + 1, "
    "e.sentence_end - e.sentence_start) AS sentence, a.title, a.url, a.story_id"
)
# one act of a story counted once: the grouping of `Store.events(dedupe=True)`
_EVENT_GROUP = " GROUP BY coalesce(a.story_id, -a.id), e.event_key"


def _participants(store: SQLiteStore, rows: list[dict]) -> list[dict]:
    """Rows with `flags` as a list, `group`, and their `actor` and `recipient` lists."""
    for row in rows:
        row["flags"] = json.loads(row["flags"]) if isinstance(row["flags"], str) else []
        row["group"] = event_group(row["type"])
        if isinstance(row.get("article_ids"), str):
            row["article_ids"] = sorted(int(x) for x in row["article_ids"].split(","))
        row["actor"], row["recipient"] = [], []
        for r in store.db.execute(
            "SELECT role, name, country, actor_id FROM event_participants "
            "WHERE event_id = ? ORDER BY rowid",
            (row["id"],),
        ):
            if r["role"] in ("actor", "recipient"):
                row[r["role"]].append(
                    {"name": r["name"], "country": r["country"], "actor_id": r["actor_id"]}
                )
    return rows


def _events(
    store: SQLiteStore, where: str, args: list, dedupe: bool, limit: int | None, offset: int
) -> list[dict]:
    """Event rows (the shape of `Store.events`) matching `where`, newest first."""
    if dedupe:
        sql = (
            f"SELECT min(e.id) AS id, {_EVENT_COLUMNS}, count(*) AS copies, "
            "group_concat(e.article_id) AS article_ids FROM events e "
            f"JOIN articles a ON a.id = e.article_id WHERE {where}{_EVENT_GROUP}"
        )
    else:
        sql = (
            f"SELECT e.id, {_EVENT_COLUMNS} FROM events e "
            f"JOIN articles a ON a.id = e.article_id WHERE {where}"
        )
    sql += " ORDER BY e.published DESC, 1"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return _participants(store, [dict(r) for r in store.db.execute(sql, args)])


def _count_events(store: SQLiteStore, where: str, args: list, dedupe: bool) -> int:
    if dedupe:
        sql = (
            "SELECT count(*) FROM (SELECT 1 FROM events e JOIN articles a "
            f"ON a.id = e.article_id WHERE {where}{_EVENT_GROUP})"
        )
    else:
        sql = f"SELECT count(*) FROM events e WHERE {where}"
    return store.db.execute(sql, args).fetchone()[0]


def add_groups(rows: list[dict]) -> list[dict]:
    """`Store.events` rows with their `group` (cooperation or conflict)."""
    for row in rows:
        row["group"] = event_group(row.get("type"))
    return rows


def article_events(store: SQLiteStore, article_id: int) -> list[dict]:
    """The stored events of an article in order (`n`): participants with their actor ids."""
    sql = (
        f"SELECT e.id, {_EVENT_COLUMNS}, e.sentence_start, e.sentence_end FROM events e "
        "JOIN articles a ON a.id = e.article_id WHERE e.article_id = ? ORDER BY e.n"
    )
    return _participants(store, [dict(r) for r in store.db.execute(sql, (int(article_id),))])


def _actor_where(actor_id: str, role: str | None) -> tuple[str, list]:
    if role:
        return (
            "e.id IN (SELECT event_id FROM event_participants WHERE actor_id = ? AND role = ?)",
            [actor_id, role],
        )
    return "e.id IN (SELECT event_id FROM event_participants WHERE actor_id = ?)", [actor_id]


def actor_events(
    store: SQLiteStore,
    actor_id: str,
    limit: int,
    offset: int,
    role: str | None = None,
    dedupe: bool = False,
) -> list[dict]:
    """Events the actor took part in (as actor or recipient, or only in `role`), newest first."""
    where, args = _actor_where(actor_id, role)
    return _events(store, where, args, dedupe, limit, offset)


def count_actor_events(
    store: SQLiteStore, actor_id: str, role: str | None = None, dedupe: bool = False
) -> int:
    where, args = _actor_where(actor_id, role)
    return _count_events(store, where, args, dedupe)


def _pair_where(
    a: str, b: str, type_: str | None = None, since: str | None = None, until: str | None = None
) -> tuple[str, list]:
    """Events with a participant acting for `a` and another one for `b`, in either role
    (a == b: two participants of one country)."""
    where = [
        "e.id IN (SELECT p.event_id FROM event_participants p JOIN event_participants o "
        "ON o.event_id = p.event_id AND o.rowid <> p.rowid WHERE p.country = ? AND o.country = ?)"
    ]
    args: list = [a.upper(), b.upper()]
    if type_:
        where.append("e.type = ?")
        args.append(type_.upper())
    if since:
        where.append("e.published >= ?")
        args.append(_check_date(since))
    if until:
        where.append("e.published < ?")
        args.append(_day_after(until))
    return " AND ".join(where), args


def pair_events(
    store: SQLiteStore,
    a: str,
    b: str,
    limit: int,
    offset: int,
    *,
    type_: str | None = None,
    since: str | None = None,
    until: str | None = None,
    dedupe: bool = False,
) -> list[dict]:
    """Events between countries `a` and `b` (ISO3), newest first."""
    where, args = _pair_where(a, b, type_, since, until)
    return _events(store, where, args, dedupe, limit, offset)


def count_pair_events(
    store: SQLiteStore,
    a: str,
    b: str,
    *,
    type_: str | None = None,
    since: str | None = None,
    until: str | None = None,
    dedupe: bool = False,
) -> int:
    where, args = _pair_where(a, b, type_, since, until)
    return _count_events(store, where, args, dedupe)


def _pair_acts(a: str, b: str, since, until, dedupe: bool) -> tuple[str, list]:
    """SQL of (published, type) per event between `a` and `b` (per act with `dedupe`: the
    date of its first report)."""
    where, args = _pair_where(a, b, None, since, until)
    if dedupe:
        return (
            "SELECT min(e.published) AS published, e.type FROM events e "
            f"JOIN articles a ON a.id = e.article_id WHERE {where}{_EVENT_GROUP}"
        ), args
    return f"SELECT e.published, e.type FROM events e WHERE {where}", args


def pair_types(
    store: SQLiteStore,
    a: str,
    b: str,
    *,
    since: str | None = None,
    until: str | None = None,
    dedupe: bool = False,
) -> dict[str, int]:
    """Events between `a` and `b` per type, in PLOVER's order (cooperation first)."""
    inner, args = _pair_acts(a, b, since, until, dedupe)
    found = dict(store.db.execute(f"SELECT type, count(*) FROM ({inner}) GROUP BY 1", args))
    order = {t: i for i, t in enumerate(EVENT_TYPES)}
    return {t: found[t] for t in sorted(found, key=lambda t: (order.get(t, 99), t))}


def pair_monthly(
    store: SQLiteStore,
    a: str,
    b: str,
    *,
    since: str | None = None,
    until: str | None = None,
    dedupe: bool = False,
) -> list[dict]:
    """Events between `a` and `b` per month and type: [{month, type, group, events}], oldest
    first, dated events only (with `dedupe`, an act of a story counts once, in the month of
    its first report)."""
    inner, args = _pair_acts(a, b, since, until, dedupe)
    sql = (
        "SELECT substr(published, 1, 7) AS month, type, count(*) AS events "
        f"FROM ({inner}) WHERE published IS NOT NULL AND length(published) >= 7 "
        "GROUP BY 1, 2 ORDER BY 1, 2"
    )
    return [{**dict(r), "group": event_group(r["type"])} for r in store.db.execute(sql, args)]


def known_country(store: SQLiteStore, iso3: str) -> bool:
    """An ISO 3166 alpha-3 code, or a code some participant of the store acts for."""
    import pycountry

    code = iso3.upper()
    if pycountry.countries.get(alpha_3=code) is not None:
        return True
    found = store.db.execute("SELECT 1 FROM event_participants WHERE country = ? LIMIT 1", (code,))
    return found.fetchone() is not None


def country_label(iso3: str) -> str:
    """The English name of a country, else the code."""
    from wirelens.actors.canonical import country_name

    try:
        return country_name(iso3.upper())
    except Exception:  # noqa: BLE001 (a name is a nicety: the code will do)
        return iso3.upper()


def country_pairs(store: SQLiteStore, limit: int = 20) -> list[dict]:
    """The pairs of countries with most events between them (each pair once, a ≤ b)."""
    sql = (
        "SELECT p.country AS a, o.country AS b, count(DISTINCT p.event_id) AS events "
        "FROM event_participants p JOIN event_participants o "
        "ON o.event_id = p.event_id AND o.rowid <> p.rowid "
        "WHERE p.country IS NOT NULL AND o.country IS NOT NULL AND p.country <= o.country "
        "GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?"
    )
    return [dict(r) for r in store.db.execute(sql, (int(limit),))]


def event_countries(store: SQLiteStore) -> list[str]:
    """ISO3 codes of the countries participants act for, most frequent first."""
    sql = (
        "SELECT country FROM event_participants WHERE country IS NOT NULL "
        "GROUP BY 1 ORDER BY count(*) DESC, 1"
    )
    return [r[0] for r in store.db.execute(sql)]
