"""The default store: one SQLite file with FTS5 full-text search, no server.

WAL mode lets readers (queries, the web server) work while one ingest writes. Migrations are
the numbered `migrations/NNNN_*.sql` files, applied in order; `PRAGMA user_version` records
the last one applied. Full-text filters are written `id IN (SELECT rowid FROM x_fts WHERE
x_fts MATCH ?)`: SQLite evaluates MATCH once that way, where a join evaluates it per row.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path

from wirelens import __version__
from wirelens.errors import WirelensError
from wirelens.store.base import ArticleQuery, ErrorRow, EventQuery, QuoteQuery, Store
from wirelens.store.rows import ArticleRows, norm_name

DEFAULT_DB = "wirelens.db"
DEFAULT_COPY_THRESHOLD = 0.5  # estimated share of the shorter article found in the other
TRANSLATION_MIN_FACTS = 5  # shared numbers and actors for a cross-language link
TRANSLATION_MIN_JACCARD = 0.4
TRANSLATION_MAX_DAYS = 7
_MIGRATION = re.compile(r"(\d{4})_[\w-]+\.sql")
_FTS_WORD = re.compile(r"\w+")


def migrations() -> list[tuple[int, str, str]]:
    """(number, file name, SQL) of every shipped migration, in order."""
    found = []
    for item in resources.files("wirelens.store").joinpath("migrations").iterdir():
        m = _MIGRATION.fullmatch(item.name)
        if m:
            found.append((int(m.group(1)), item.name, item.read_text(encoding="utf-8")))
    return sorted(found)


def schema_version() -> int:
    return migrations()[-1][0]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def fts_query(text: str) -> str | None:
    """User words → an FTS5 query where every word must occur (no FTS syntax is exposed, so
    no input can make the query fail)."""
    words = _FTS_WORD.findall(text)
    return " ".join(f'"{w}"' for w in words) or None


def _day_after(value: str) -> str:
    """The day after an ISO date: `published < day_after(until)` keeps all of `until`."""
    try:
        return (date.fromisoformat(value[:10]) + timedelta(days=1)).isoformat()
    except ValueError:
        raise WirelensError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def _check_date(value: str) -> str:
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        raise WirelensError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None
    return value[:10]


def _close_in_time(a: str | None, b: str | None) -> bool:
    """Published within TRANSLATION_MAX_DAYS of each other (true when a date is unknown)."""
    if not a or not b:
        return True
    try:
        da, db_ = date.fromisoformat(a[:10]), date.fromisoformat(b[:10])
    except ValueError:
        return True
    return abs((da - db_).days) <= TRANSLATION_MAX_DAYS


class SQLiteStore(Store):
    def __init__(
        self,
        path: str | Path = DEFAULT_DB,
        *,
        readonly: bool = False,
        copy_threshold: float = DEFAULT_COPY_THRESHOLD,
    ) -> None:
        self.path = Path(path)
        self.copy_threshold = copy_threshold
        if readonly and not self.path.is_file():
            raise WirelensError(f"no store at {self.path} (run `wirelens ingest` first)")
        try:
            if readonly:
                uri = f"file:{self.path.resolve()}?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self.db = sqlite3.connect(self.path, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate(readonly)
        except sqlite3.DatabaseError as exc:
            raise WirelensError(f"{self.path}: not a usable wirelens store ({exc})") from None

    # -- schema ---------------------------------------------------------------------------
    @property
    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self, readonly: bool) -> None:
        current, known = self.version, schema_version()
        if current > known:
            raise WirelensError(
                f"{self.path}: store schema {current} is newer than this wirelens "
                f"({__version__}, schema {known}); upgrade wirelens"
            )
        if current == known:
            return
        if readonly:
            raise WirelensError(
                f"{self.path}: store schema {current} needs migrating to {known}; "
                "run `wirelens ingest` (or open it writable) once"
            )
        for number, _name, sql in migrations():
            if number <= current:
                continue
            # one transaction per migration: a failed one leaves the previous version intact
            self.db.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
        if current < 2 <= known:
            self.reindex_stories()  # articles stored before syndication existed

    def close(self) -> None:
        self.db.close()

    # -- ingest ---------------------------------------------------------------------------
    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        hashes = list(hashes)
        found: set[str] = set()
        for i in range(0, len(hashes), 500):
            chunk = hashes[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for table in ("articles", "errors"):
                found.update(
                    r[0]
                    for r in self.db.execute(
                        f"SELECT hash FROM {table} WHERE hash IN ({marks})", chunk
                    )
                )
        return found

    def start_run(self, inputs: list[str], workers: int, model: str | None) -> int:
        with self.db:
            cur = self.db.execute(
                "INSERT INTO runs (started, inputs, version, model, workers) VALUES (?,?,?,?,?)",
                (_now(), json.dumps(inputs, ensure_ascii=False), __version__, model, workers),
            )
        return cur.lastrowid

    def finish_run(
        self, run_id: int, status: str, articles: int, skipped: int, errors: int
    ) -> None:
        with self.db:
            self.db.execute(
                "UPDATE runs SET finished=?, status=?, articles=?, skipped=?, errors=? WHERE id=?",
                (_now(), status, articles, skipped, errors, run_id),
            )

    def write(self, run_id: int, articles: list[ArticleRows], errors: list[ErrorRow]) -> int:
        added = 0
        with self.db:  # one transaction: all of the batch or nothing
            for rows in articles:
                added += self._write_article(run_id, rows)
            self.db.executemany(
                "INSERT OR IGNORE INTO errors (run_id, record, reason, hash) VALUES (?,?,?,?)",
                [(run_id, e.record, e.reason, e.hash) for e in errors],
            )
        return added

    def _write_article(self, run_id: int, rows: ArticleRows) -> int:
        cols = {**rows.article, "run_id": run_id}
        cur = self.db.execute(
            f"INSERT OR IGNORE INTO articles ({','.join(cols)}) "
            f"VALUES ({','.join('?' * len(cols))})",
            list(cols.values()),
        )
        if cur.rowcount == 0:
            return 0  # already stored (the same input twice in one run)
        aid = cur.lastrowid
        db = self.db
        # all actors, then all their aliases: two statements, the rows in the same order
        db.executemany(
            "INSERT INTO actors (id, name, type, country, kb, roles) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT(id) DO UPDATE SET type = coalesce(actors.type, excluded.type), "
            "country = coalesce(actors.country, excluded.country)",
            [
                (
                    actor.id,
                    actor.name,
                    actor.type,
                    actor.country,
                    int(actor.kb),
                    json.dumps(actor.roles, ensure_ascii=False),
                )
                for actor in rows.actors.values()
            ],
        )
        db.executemany(
            "INSERT INTO aliases (actor_id, alias, norm, count) VALUES (?,?,?,?) "
            "ON CONFLICT(actor_id, norm) DO UPDATE SET count = count + excluded.count",
            [
                (actor.id, alias, norm_name(alias), n)
                for actor in rows.actors.values()
                for alias, n in actor.alias_counts.items()
                if norm_name(alias)
            ],
        )
        db.executemany(
            "INSERT INTO removed (article_id, start, end, reason, text) VALUES (?,?,?,?,?)",
            [(aid, *r) for r in rows.removed],
        )
        db.executemany(
            "INSERT INTO entities (article_id, eid, name, type, actor_id) VALUES (?,?,?,?,?)",
            [(aid, *e) for e in rows.entities],
        )
        db.executemany(
            "INSERT INTO mentions (article_id, eid, start, end, text, kind) VALUES (?,?,?,?,?,?)",
            [(aid, *m) for m in rows.mentions],
        )
        self._index_article(aid, rows)
        for event, participants in rows.events:
            cols = ["article_id", *event]
            eid = db.execute(
                f"INSERT INTO events ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                [aid, *event.values()],
            ).lastrowid
            db.executemany(
                "INSERT INTO event_participants (event_id, role, name, country, actor_id) "
                "VALUES (?,?,?,?,?)",
                [(eid, *p) for p in participants],
            )
        if rows.quotes:
            qcols = ["article_id", *rows.quotes[0]]
            db.executemany(
                f"INSERT INTO quotes ({','.join(qcols)}) VALUES ({','.join('?' * len(qcols))})",
                [(aid, *q.values()) for q in rows.quotes],
            )
        return 1

    # -- syndication ----------------------------------------------------------------------
    def _index_article(self, aid: int, rows: ArticleRows) -> None:
        """Add the article to the near-duplicate index and to its story (found among the
        articles already stored, or new), and link it to translations in other languages."""
        from wirelens.stories.fingerprint import from_blob, jaccard, overlap

        if not rows.minhash:
            return
        db = self.db
        sig = from_blob(rows.minhash)
        # every band in one query (the index lsh_lookup serves each (band, key) pair)
        candidates: set[int] = set()
        if rows.bands:
            pairs = ",".join(["(?,?)"] * len(rows.bands))
            candidates.update(
                r[0]
                for r in db.execute(
                    f"SELECT DISTINCT l.article_id FROM (VALUES {pairs}) AS v "
                    "CROSS JOIN lsh_bands AS l ON l.band = v.column1 AND l.key = v.column2",
                    [x for band, key in enumerate(rows.bands) for x in (band, key)],
                )
            )
        copies: list[tuple[int, float]] = []
        for i in range(0, len(candidates), 500):
            chunk = sorted(candidates)[i : i + 500]
            for other, blob, size in db.execute(
                "SELECT article_id, minhash, shingles FROM signatures WHERE article_id IN "
                f"({','.join('?' * len(chunk))})",
                chunk,
            ):
                score = overlap(jaccard(sig, from_blob(blob)), rows.shingles, size)
                if score >= self.copy_threshold:
                    copies.append((other, score))
        db.execute(
            "INSERT INTO signatures (article_id, minhash, shingles) VALUES (?,?,?)",
            (aid, rows.minhash, rows.shingles),
        )
        db.executemany(
            "INSERT INTO lsh_bands (band, key, article_id) VALUES (?,?,?)",
            [(band, key, aid) for band, key in enumerate(rows.bands)],
        )
        db.executemany(
            "INSERT OR IGNORE INTO story_links (a, b, kind, score) VALUES (?,?,'copy',?)",
            [(aid, other, round(score, 3)) for other, score in copies],
        )
        stories = sorted(
            {
                r[0]
                for other, _ in copies
                for r in db.execute("SELECT story_id FROM articles WHERE id = ?", (other,))
                if r[0] is not None
            }
        )
        if stories:
            story, merged = stories[0], stories[1:]
            if merged:  # the new article joins two stories: they were one
                marks = ",".join("?" * len(merged))
                db.execute(
                    f"UPDATE articles SET story_id = ? WHERE story_id IN ({marks})",
                    [story, *merged],
                )
                db.execute(f"DELETE FROM stories WHERE id IN ({marks})", merged)
        else:
            story = db.execute("INSERT INTO stories (representative) VALUES (?)", (aid,)).lastrowid
        db.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story, aid))
        self._refresh_story(story)
        self._link_translations(aid, rows)

    def _refresh_story(self, story: int) -> None:
        self.db.execute(
            "UPDATE stories SET "
            "size = (SELECT count(*) FROM articles WHERE story_id = :s), "
            "first_published = (SELECT min(published) FROM articles WHERE story_id = :s), "
            "last_published = (SELECT max(published) FROM articles WHERE story_id = :s), "
            # the earliest published; with no date or a tie, one credited to an agency
            "representative = (SELECT id FROM articles WHERE story_id = :s "
            "ORDER BY published IS NULL, published, agencies = '[]', id LIMIT 1) "
            "WHERE id = :s",
            {"s": story},
        )

    def _link_translations(self, aid: int, rows: ArticleRows) -> None:
        """Link to articles in another language that share many facts (numbers, actors)."""
        db, facts = self.db, rows.facts
        if len(facts) >= TRANSLATION_MIN_FACTS:
            lang, published = rows.article.get("lang"), rows.article.get("published")
            marks = ",".join("?" * len(facts))
            found = db.execute(
                "SELECT f.article_id, count(*), a.published, "
                "(SELECT count(*) FROM facts g WHERE g.article_id = f.article_id) "
                f"FROM facts f JOIN articles a ON a.id = f.article_id WHERE f.fact IN ({marks}) "
                "AND a.lang IS NOT ? AND a.lang IS NOT NULL AND f.article_id != ? "
                "GROUP BY f.article_id HAVING count(*) >= ?",
                [*facts, lang, aid, TRANSLATION_MIN_FACTS],
            ).fetchall()
            for other, shared, other_published, other_size in found:
                score = shared / (len(facts) + other_size - shared)
                if score < TRANSLATION_MIN_JACCARD or not _close_in_time(
                    published, other_published
                ):
                    continue
                db.execute(
                    "INSERT OR IGNORE INTO story_links (a, b, kind, score) "
                    "VALUES (?,?,'translation',?)",
                    (aid, other, round(score, 3)),
                )
        db.executemany(
            "INSERT INTO facts (article_id, fact) VALUES (?,?)", [(aid, f) for f in facts]
        )

    def reindex_stories(self) -> int:
        """Index the articles that have no signature yet (stored before migration 2), in
        store order; return how many."""
        from wirelens.model import Article
        from wirelens.store.rows import article_rows

        todo = [
            r[0]
            for r in self.db.execute(
                "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM signatures) "
                "ORDER BY id"
            )
        ]
        for aid in todo:
            row = self.db.execute("SELECT hash, doc FROM articles WHERE id = ?", (aid,)).fetchone()
            rows = article_rows(Article.model_validate_json(row["doc"]), row["hash"])
            with self.db:
                self._index_article(aid, rows)
                self.db.executemany(
                    "UPDATE quotes SET quote_key = ? WHERE article_id = ? AND n = ?",
                    [(q["quote_key"], aid, q["n"]) for q in rows.quotes],
                )
        return len(todo)

    def stories(
        self,
        since: str | None = None,
        until: str | None = None,
        min_size: int = 1,
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[dict]:
        """Stories, largest first: size, first/last publication, representative article."""
        where, args = self._story_where(since, until, min_size)
        sql = (
            "SELECT s.id, s.size, s.first_published, s.last_published, s.representative, "
            "coalesce(a.title, substr(a.text, 1, 100)) AS title, a.domain, a.url, a.lang, "
            "(SELECT count(DISTINCT m.domain) FROM articles m WHERE m.story_id = s.id) AS sources, "
            "(SELECT count(*) FROM story_links l JOIN articles x ON x.id = l.a "
            " WHERE l.kind = 'translation' AND (x.story_id = s.id OR l.b IN "
            " (SELECT id FROM articles WHERE story_id = s.id))) AS translations "
            "FROM stories s JOIN articles a ON a.id = s.representative "
            f"WHERE {' AND '.join(where)} ORDER BY s.size DESC, s.first_published, s.id"
            + self._page(limit, offset)
        )
        return [dict(r) for r in self.db.execute(sql, args)]

    @staticmethod
    def _story_where(since: str | None, until: str | None, min_size: int) -> tuple[list, list]:
        where, args = ["s.size >= ?"], [int(min_size)]
        if since:
            where.append("s.last_published >= ?")
            args.append(_check_date(since))
        if until:
            where.append("s.first_published < ?")
            args.append(_day_after(until))
        return where, args

    def count_stories(
        self, since: str | None = None, until: str | None = None, min_size: int = 1
    ) -> int:
        """Stories `stories` lists with these filters, all pages together."""
        where, args = self._story_where(since, until, min_size)
        sql = f"SELECT count(*) FROM stories s WHERE {' AND '.join(where)}"
        return self.db.execute(sql, args).fetchone()[0]

    def story(self, story_id: int) -> dict | None:
        """A story with its members (oldest first) and its cross-language links."""
        row = self.db.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            return None
        out = dict(row)
        out["members"] = [
            dict(r)
            for r in self.db.execute(
                "SELECT id, hash, record_id, coalesce(title, substr(text, 1, 100)) AS title, url, "
                "domain, published, lang, agencies, "
                "(SELECT max(score) FROM story_links WHERE kind = 'copy' AND "
                " (a = articles.id OR b = articles.id)) AS similarity "
                "FROM articles WHERE story_id = ? ORDER BY published IS NULL, published, id",
                (story_id,),
            )
        ]
        out["translations"] = [
            dict(r)
            for r in self.db.execute(
                "SELECT DISTINCT x.id AS article_id, x.title, x.lang, x.story_id, l.score "
                "FROM story_links l JOIN articles m ON m.id IN (l.a, l.b) "
                "JOIN articles x ON x.id IN (l.a, l.b) AND x.id != m.id "
                "WHERE l.kind = 'translation' AND m.story_id = ? AND x.story_id IS NOT ?",
                (story_id, story_id),
            )
        ]
        out["quotes"] = self.count_quotes(QuoteQuery(story=story_id, dedupe=True))
        return out

    # -- queries --------------------------------------------------------------------------
    def actor_ids(self, name: str) -> list[str]:
        """Actors a user's name may mean: a KB or exact-name match, or any actor one of whose
        aliases contains the name's words ("Xi" → Xi Jinping)."""
        from wirelens.actors.canonical import resolver

        ids = set()
        actor = resolver().resolve(name)
        if actor is not None:
            ids.add(actor.id)
        key = norm_name(name)
        if key:
            ids.update(
                r[0]
                for r in self.db.execute(
                    "SELECT DISTINCT actor_id FROM aliases WHERE ' ' || norm || ' ' LIKE ?",
                    (f"% {key} %",),
                )
            )
        return sorted(ids)

    def _quote_where(self, q: QuoteQuery) -> tuple[str, list]:
        where, args = [], []
        for column, name in (("speaker", q.speaker), ("addressee", q.to)):
            if name:
                ids = self.actor_ids(name)
                marks = ",".join("?" * len(ids))
                where.append(
                    f"(q.{column}_actor IN ({marks}) OR "
                    f"(q.{column}_actor IS NULL AND q.{column} LIKE ?))"
                )
                args += [*ids, f"%{name}%"]
        if q.about:
            match = fts_query(q.about)
            if match:
                where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
                args.append(match)
        if q.story is not None:
            where.append("q.article_id IN (SELECT id FROM articles WHERE story_id = ?)")
            args.append(q.story)
        self._common_filters(where, args, "q", q.since, q.until, q.lang, q.source)
        return (" WHERE " + " AND ".join(where)) if where else "", args

    # one group per quotation of a story: same speaker (actor, else name) and same words
    _DEDUPE_GROUP = (
        " GROUP BY coalesce(a.story_id, -a.id), coalesce(q.speaker_actor, q.speaker, ''), "
        "coalesce(q.quote_key, q.id)"
    )

    @staticmethod
    def _common_filters(where, args, t, since, until, lang, source) -> None:
        if since:
            where.append(f"{t}.published >= ?")
            args.append(_check_date(since))
        if until:
            where.append(f"{t}.published < ?")
            args.append(_day_after(until))
        if lang:
            where.append(f"{t}.lang = ?")
            args.append(lang.lower())
        if source:
            domain = source.lower().removeprefix("www.").strip(".")
            where.append(f"({t}.domain = ? OR {t}.domain LIKE ?)")
            args += [domain, f"%.{domain}"]

    @staticmethod
    def _page(limit: int | None, offset: int) -> str:
        return f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""

    def quotes(self, query: QuoteQuery) -> list[dict]:
        """Quotations matching `query`, newest first. With `dedupe`, one row per quotation of
        a story (the first stored copy) with `copies` and `article_ids` of all its copies."""
        where, args = self._quote_where(query)
        columns = (
            "q.article_id, q.published, q.lang, q.domain, q.type, q.speaker, q.speaker_actor, "
            "q.speaker_mention, q.speaker_kind, q.cue, q.addressee, q.addressee_actor, q.text, "
            "q.start, q.end, q.confidence, a.title, a.url, a.story_id"
        )
        if query.dedupe:
            sql = (
                f"SELECT min(q.id) AS id, {columns}, count(*) AS copies, "
                "group_concat(q.article_id) AS article_ids "
                f"FROM quotes q JOIN articles a ON a.id = q.article_id{where}{self._DEDUPE_GROUP}"
            )
        else:
            sql = f"SELECT q.id, {columns} FROM quotes q JOIN articles a ON a.id = q.article_id{where}"
        sql += f" ORDER BY q.published DESC, 1{self._page(query.limit, query.offset)}"
        rows = [dict(r) for r in self.db.execute(sql, args)]
        if query.dedupe:
            for row in rows:
                row["article_ids"] = sorted(int(x) for x in row["article_ids"].split(","))
        return rows

    def count_quotes(self, query: QuoteQuery) -> int:
        where, args = self._quote_where(query)
        if query.dedupe:
            sql = (
                "SELECT count(*) FROM (SELECT 1 FROM quotes q JOIN articles a "
                f"ON a.id = q.article_id{where}{self._DEDUPE_GROUP})"
            )
        else:
            sql = f"SELECT count(*) FROM quotes q{where}"
        return self.db.execute(sql, args).fetchone()[0]

    # -- events -------------------------------------------------------------------------
    def _event_where(self, q: EventQuery) -> tuple[str, list]:
        where, args = [], []
        if q.type:
            where.append("e.type = ?")
            args.append(q.type.upper())
        for role, name in (("actor", q.actor), ("recipient", q.recipient)):
            if name:
                ids = self.actor_ids(name)
                where.append(
                    "e.id IN (SELECT event_id FROM event_participants WHERE role = ? AND "
                    f"(actor_id IN ({','.join('?' * len(ids))}) OR name LIKE ? OR country = ?))"
                )
                args += [role, *ids, f"%{name}%", name.upper()]
        if q.country:
            where.append("e.id IN (SELECT event_id FROM event_participants WHERE country = ?)")
            args.append(q.country.upper())
        if q.flag:
            where.append("e.flags LIKE ?")
            args.append(f'%"{q.flag.lower()}"%')
        self._common_filters(where, args, "e", q.since, q.until, q.lang, q.source)
        return (" WHERE " + " AND ".join(where)) if where else "", args

    _EVENT_GROUP = " GROUP BY coalesce(a.story_id, -a.id), e.event_key"

    def events(self, query: EventQuery) -> list[dict]:
        """Events matching `query`, newest first, with their participants and sentence. With
        `dedupe`, one row per act of a story, with `copies` and `article_ids`."""
        where, args = self._event_where(query)
        columns = (
            "e.article_id, e.published, e.lang, e.domain, e.type, e.mode, e.trigger, e.start, "
            "e.end, e.flags, e.confidence, substr(a.text, e.sentence_start + 1, "
            "e.sentence_end - e.sentence_start) AS sentence, a.title, a.url, a.story_id"
        )
        if query.dedupe:
            sql = (
                f"SELECT min(e.id) AS id, {columns}, count(*) AS copies, "
                "group_concat(e.article_id) AS article_ids FROM events e "
                f"JOIN articles a ON a.id = e.article_id{where}{self._EVENT_GROUP}"
            )
        else:
            sql = f"SELECT e.id, {columns} FROM events e JOIN articles a ON a.id = e.article_id{where}"
        sql += f" ORDER BY e.published DESC, 1{self._page(query.limit, query.offset)}"
        rows = [dict(r) for r in self.db.execute(sql, args)]
        for row in rows:
            row["flags"] = json.loads(row["flags"])
            if query.dedupe:
                row["article_ids"] = sorted(int(x) for x in row["article_ids"].split(","))
            for role in ("actor", "recipient"):
                row[role] = [
                    dict(r)
                    for r in self.db.execute(
                        "SELECT name, country, actor_id FROM event_participants "
                        "WHERE event_id = ? AND role = ?",
                        (row["id"], role),
                    )
                ]
        return rows

    def count_events(self, query: EventQuery) -> int:
        where, args = self._event_where(query)
        if query.dedupe:
            sql = (
                "SELECT count(*) FROM (SELECT 1 FROM events e JOIN articles a "
                f"ON a.id = e.article_id{where}{self._EVENT_GROUP})"
            )
        else:
            sql = f"SELECT count(*) FROM events e{where}"
        return self.db.execute(sql, args).fetchone()[0]

    def articles(self, query: ArticleQuery) -> list[dict]:
        where, args = self._article_where(query)
        sql = (
            "SELECT a.id, a.hash, a.record_id, a.url, a.domain, a.title, a.published, a.lang, "
            "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes FROM articles a"
            f"{where} ORDER BY a.published DESC, a.id{self._page(query.limit, query.offset)}"
        )
        return [dict(r) for r in self.db.execute(sql, args)]

    def _article_where(self, query: ArticleQuery) -> tuple[str, list]:
        where, args = [], []
        if query.text:
            match = fts_query(query.text)
            if match:
                where.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
                args.append(match)
        self._common_filters(where, args, "a", query.since, query.until, query.lang, query.source)
        return (" WHERE " + " AND ".join(where)) if where else "", args

    def count_articles(self, query: ArticleQuery) -> int:
        where, args = self._article_where(query)
        return self.db.execute(f"SELECT count(*) FROM articles a{where}", args).fetchone()[0]

    def actors(self, top: int | None = 50, name: str | None = None) -> list[dict]:
        where, args = "", []
        if name:
            ids = self.actor_ids(name)
            where = f" WHERE ac.id IN ({','.join('?' * len(ids))})"
            args = ids
        sql = (
            "SELECT ac.id, ac.name, ac.type, ac.country, ac.kb, "
            "(SELECT count(*) FROM quotes q WHERE q.speaker_actor = ac.id) AS quotes, "
            "(SELECT count(DISTINCT e.article_id) FROM entities e WHERE e.actor_id = ac.id) "
            "AS articles, "
            "(SELECT count(*) FROM quotes q WHERE q.addressee_actor = ac.id) AS addressed "
            f"FROM actors ac{where} ORDER BY quotes DESC, articles DESC, ac.name"
            + self._page(top, 0)
        )
        out = []
        for r in self.db.execute(sql, args):
            row = dict(r)
            row["kb"] = bool(row["kb"])
            row["aliases"] = self._aliases(row["id"], 5)
            out.append(row)
        return out

    def actor_timeline(self, actor_id: str) -> list[dict]:
        """Quotations by the actor per month: [{"month": "2024-05", "quotes": 3}, ...]."""
        rows = self.db.execute(
            "SELECT substr(published, 1, 7) AS month, count(*) AS quotes FROM quotes "
            "WHERE speaker_actor = ? AND published IS NOT NULL GROUP BY 1 ORDER BY 1",
            (actor_id,),
        )
        return [dict(r) for r in rows]

    def actor_links(self, actor_id: str) -> dict[str, list[dict]]:
        """Who the actor addressed ("addressed") and who addressed the actor ("addressed_by"),
        with quotation counts, most first."""
        out = {}
        for key, mine, other in (
            ("addressed", "speaker_actor", "addressee_actor"),
            ("addressed_by", "addressee_actor", "speaker_actor"),
        ):
            rows = self.db.execute(
                f"SELECT q.{other} AS id, coalesce(ac.name, q.{other}) AS name, count(*) AS quotes "
                f"FROM quotes q LEFT JOIN actors ac ON ac.id = q.{other} "
                f"WHERE q.{mine} = ? AND q.{other} IS NOT NULL GROUP BY 1 ORDER BY 3 DESC, 2",
                (actor_id,),
            )
            out[key] = [dict(r) for r in rows]
        return out

    def _aliases(self, actor_id: str, limit: int | None = None) -> list[str]:
        sql = "SELECT alias FROM aliases WHERE actor_id = ? ORDER BY count DESC, alias"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [r[0] for r in self.db.execute(sql, (actor_id,))]

    def actor(self, actor_id: str) -> dict | None:
        row = self.db.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone()
        if row is None:
            return None
        out = dict(row)
        out["kb"] = bool(out["kb"])
        out["roles"] = json.loads(out["roles"])
        out["aliases"] = self._aliases(actor_id)
        out["quotes"] = self.db.execute(
            "SELECT count(*) FROM quotes WHERE speaker_actor = ?", (actor_id,)
        ).fetchone()[0]
        out["articles"] = self.db.execute(
            "SELECT count(DISTINCT article_id) FROM entities WHERE actor_id = ?", (actor_id,)
        ).fetchone()[0]
        return out

    def article(self, ref: str | int) -> dict | None:
        ref = str(ref).strip()
        row = None
        if ref.isdigit() and int(ref) < 2**63:  # larger: not a store id (SQLite INTEGER)
            row = self.db.execute("SELECT * FROM articles WHERE id = ?", (int(ref),)).fetchone()
        if row is None and len(ref) >= 6 and re.fullmatch(r"[0-9a-f]+", ref):
            rows = self.db.execute(
                "SELECT * FROM articles WHERE hash >= ? AND hash < ? LIMIT 2", (ref, ref + "g")
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            row = self.db.execute(
                "SELECT * FROM articles WHERE record_id = ? ORDER BY id LIMIT 1", (ref,)
            ).fetchone()
        if row is None:
            return None
        out = {k: row[k] for k in row.keys() if k not in ("doc", "text")}  # noqa: SIM118
        out["agencies"] = json.loads(out["agencies"])
        out["article"] = json.loads(row["doc"])
        aid = row["id"]
        out["quotes"] = [
            dict(r)
            for r in self.db.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY n", (aid,))
        ]
        out["entities"] = [
            dict(r)
            for r in self.db.execute(
                "SELECT eid, name, type, actor_id FROM entities WHERE article_id = ?", (aid,)
            )
        ]
        return out

    def stats(self) -> dict:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        first, last = self.db.execute(
            "SELECT min(published), max(published) FROM articles"
        ).fetchone()
        return {
            "store": str(self.path),
            "schema_version": self.version,
            "articles": one("SELECT count(*) FROM articles"),
            "quotes": one("SELECT count(*) FROM quotes"),
            "quotes_deduplicated": self.count_quotes(QuoteQuery(dedupe=True, limit=None)),
            "stories": one("SELECT count(*) FROM stories"),
            "events": one("SELECT count(*) FROM events"),
            "event_types": dict(
                self.db.execute("SELECT type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC")
            ),
            "syndicated_stories": one("SELECT count(*) FROM stories WHERE size > 1"),
            "actors": one("SELECT count(*) FROM actors"),
            "speakers": one("SELECT count(DISTINCT speaker_actor) FROM quotes"),
            "errors": one("SELECT count(*) FROM errors"),
            "runs": one("SELECT count(*) FROM runs"),
            "published": {"first": first, "last": last},
            "languages": dict(
                self.db.execute(
                    "SELECT coalesce(lang, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
                ).fetchall()
            ),
            "sources": dict(
                self.db.execute(
                    "SELECT coalesce(domain, '(no url)'), count(*) FROM articles GROUP BY 1 "
                    "ORDER BY 2 DESC, 1 LIMIT 10"
                ).fetchall()
            ),
            "quote_types": dict(
                self.db.execute("SELECT type, count(*) FROM quotes GROUP BY 1 ORDER BY 2 DESC")
            ),
            "top_speakers": [
                {"id": r[0], "name": r[1], "quotes": r[2]}
                for r in self.db.execute(
                    "SELECT q.speaker_actor, ac.name, count(*) FROM quotes q "
                    "JOIN actors ac ON ac.id = q.speaker_actor "
                    "GROUP BY q.speaker_actor ORDER BY 3 DESC, 2 LIMIT 10"
                )
            ],
        }

    def errors(self, run_id: int | None = None) -> list[dict]:
        sql = "SELECT run_id, record, reason FROM errors"
        args: list = []
        if run_id is not None:
            sql += " WHERE run_id = ?"
            args.append(run_id)
        return [dict(r) for r in self.db.execute(sql + " ORDER BY id", args)]

    def runs(self) -> list[dict]:
        return [dict(r) for r in self.db.execute("SELECT * FROM runs ORDER BY id")]

    def iter_articles(self) -> Iterator[dict]:
        cur = self.db.execute("SELECT id, hash, story_id, doc FROM articles ORDER BY id")
        for aid, hash_, story, doc in cur:
            yield {"store_id": aid, "hash": hash_, "story_id": story, **json.loads(doc)}

    def iter_quote_rows(self, query: QuoteQuery) -> Iterator[dict]:
        """Like `quotes` but streamed (for export)."""
        where, args = self._quote_where(query)
        sql = (
            "SELECT q.id, q.article_id, a.hash AS article_hash, a.story_id, q.published, q.lang, "
            "q.domain, "
            "q.type, q.speaker, q.speaker_actor, q.speaker_mention, q.speaker_kind, q.cue, "
            "q.cue_lemma, q.addressee, q.addressee_actor, q.text, q.start, q.end, q.confidence, "
            "a.title, a.url FROM quotes q JOIN articles a ON a.id = q.article_id"
            f"{where} ORDER BY q.id{self._page(query.limit, query.offset)}"
        )
        for r in self.db.execute(sql, args):
            yield dict(r)


def open_store(
    path: str | Path = DEFAULT_DB,
    *,
    readonly: bool = False,
    copy_threshold: float = DEFAULT_COPY_THRESHOLD,
) -> SQLiteStore:
    """Open (creating and migrating if needed) the store at `path`; `copy_threshold` is the
    estimated share of the shorter article found in the other above which two articles are
    copies of one story."""
    return SQLiteStore(path, readonly=readonly, copy_threshold=copy_threshold)
