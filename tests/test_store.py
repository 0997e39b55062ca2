"""The store: writes, idempotence, cross-article actors, every query filter, export, migrations.

Articles here are built directly (no spaCy), so each test checks the store alone; the
end-to-end ingest (real model, interruption, parallel workers) is in test_store_ingest.py.
"""

from __future__ import annotations

import csv
import json
import sqlite3

import pytest

from wirelens.errors import WirelensError
from wirelens.model import Article, Entity, Language, Mention, Participant, Quote
from wirelens.store import ArticleQuery, ErrorRow, QuoteQuery, open_store
from wirelens.store.export import export_articles, export_quotes
from wirelens.store.rows import article_rows, content_hash, domain_of, norm_name
from wirelens.store.sqlite import fts_query, schema_version


def _article(
    text: str,
    *,
    speakers: list[tuple[str, str, str]],  # (quotation, speaker name, mention kind)
    published: str | None = "2022-05-03",
    lang: str = "fr",
    url: str | None = None,
    entities: list[tuple[str, str]] = (),  # (name, type) named in the text
    addressee: str | None = None,
) -> Article:
    ents = []
    for n, (name, type_) in enumerate(entities, 1):
        start = text.index(name)
        ents.append(
            Entity(
                id=f"e{n}",
                name=name,
                type=type_,
                mentions=[Mention(text=name, start=start, end=start + len(name))],
            )
        )
    by_name = {e.name: e.id for e in ents}
    quotes = []
    for quote, speaker, kind in speakers:
        start = text.index(quote)
        m_start = text.index(speaker) if speaker in text else 0
        quotes.append(
            Quote(
                text=quote,
                start=start,
                end=start + len(quote),
                type="direct",
                speaker=Participant(
                    name=speaker,
                    entity=by_name.get(speaker),
                    mention=Mention(
                        text=speaker, start=m_start, end=m_start + len(speaker), kind=kind
                    ),
                ),
                addressee=Participant(name=addressee, entity=by_name.get(addressee))
                if addressee
                else None,
            )
        )
    return Article(
        text=text,
        published=published,
        language=Language(code=lang, confidence=1.0),
        url=url,
        entities=ents,
        quotes=quotes,
    )


def _put(store, *articles: Article) -> int:
    rows = [article_rows(a, f"{n:064x}") for n, a in enumerate(articles, 1)]
    run = store.start_run(["test"], 1, None)
    return store.write(run, rows, [])


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "test.db") as st:
        yield st


@pytest.fixture
def corpus(store):
    """Five articles: Putin in French and English, a description, two Johnsons, Xi → Putin."""
    _put(
        store,
        _article(
            "Vladimir Poutine a déclaré : « Nous vaincrons le terrorisme ».",
            speakers=[("Nous vaincrons le terrorisme", "Vladimir Poutine", "name")],
            entities=[("Vladimir Poutine", "PER")],
            url="https://www.lesoir.be/a1",
        ),
        _article(
            "Vladimir Putin said: “We will talk about grain exports”.",
            speakers=[("We will talk about grain exports", "Vladimir Putin", "name")],
            entities=[("Vladimir Putin", "PER")],
            lang="en",
            published="2023-01-10",
            url="https://apnews.com/b2",
        ),
        _article(
            "Le président russe a affirmé : « Le blé russe nourrit le monde ».",
            speakers=[("Le blé russe nourrit le monde", "Le président russe", "description")],
            published="2022-07-01",
            url="https://www.lemonde.fr/c3",
        ),
        _article(
            "Boris Johnson a dit : « Le Brexit est fait ». Dwayne Johnson a dit : « Action ».",
            speakers=[
                ("Le Brexit est fait", "Boris Johnson", "name"),
                ("Action", "Dwayne Johnson", "name"),
            ],
            entities=[("Boris Johnson", "PER"), ("Dwayne Johnson", "PER")],
            published="2020-01-31",
            url="https://news.bbc.co.uk/d4",
        ),
        _article(
            "Xi Jinping a dit à Vladimir Poutine : « Notre amitié est sans limites ».",
            speakers=[("Notre amitié est sans limites", "Xi Jinping", "name")],
            entities=[("Xi Jinping", "PER"), ("Vladimir Poutine", "PER")],
            addressee="Vladimir Poutine",
            published="2024-05-16",
            url="https://www.rts.ch/e5",
        ),
    )
    return store


def _texts(rows: list[dict]) -> set[str]:
    return {r["text"] for r in rows}


# -- helpers --------------------------------------------------------------------------------


def test_norm_name_and_domain():
    assert norm_name("M. Vladimir  Poutine") == "m vladimir poutine"
    assert norm_name("Koné-Diabaté") == "kone diabate"
    assert domain_of("https://www.lesoir.be/x?y=1") == "lesoir.be"
    assert domain_of(None) is None
    assert domain_of("not a url") is None


def test_content_hash_depends_on_url_and_content():
    from wirelens.ingest import Record

    a = Record(source="a.txt", text="Même texte.")
    b = Record(source="b.txt", text="Même texte.")
    c = Record(source="c.txt", text="Même texte.", url="https://x.fr/1")
    assert content_hash(a) == content_hash(b)  # the same input from another file
    assert content_hash(a) != content_hash(c)  # a copy at another URL is another article
    assert content_hash(a) != content_hash(Record(source="a.txt", text="Autre texte."))


def test_fts_query_never_exposes_syntax():
    assert fts_query('Chine AND "Russie" OR (NEAR') == '"Chine" "AND" "Russie" "OR" "NEAR"'
    assert fts_query("  ") is None


# -- writing --------------------------------------------------------------------------------


def test_write_is_idempotent(store):
    art = _article(
        "Vladimir Poutine a déclaré : « Nous vaincrons ».",
        speakers=[("Nous vaincrons", "Vladimir Poutine", "name")],
        entities=[("Vladimir Poutine", "PER")],
    )
    assert _put(store, art) == 1
    assert _put(store, art) == 0  # same hash: nothing added
    stats = store.stats()
    assert (stats["articles"], stats["quotes"]) == (1, 1)
    assert store.known_hashes([f"{1:064x}", "f" * 64]) == {f"{1:064x}"}


def test_errors_are_stored_once_and_listed(store):
    run = store.start_run(["x"], 1, None)
    errs = [ErrorRow("bad.jsonl:3", "malformed JSON"), ErrorRow("x.bin", "binary", "ab" * 32)]
    store.write(run, [], errs)
    store.write(run, [], errs)
    assert [(e["record"], e["reason"]) for e in store.errors()] == [
        ("bad.jsonl:3", "malformed JSON"),
        ("x.bin", "binary"),
    ]
    assert store.known_hashes(["ab" * 32]) == {"ab" * 32}  # a failed record is not redone


def test_a_failed_batch_writes_nothing(store):
    good = article_rows(_article("Un texte.", speakers=[]), "a" * 64)
    bad = article_rows(_article("Un autre.", speakers=[]), "b" * 64)
    bad.removed = [(0, 1, "ad", None)]  # NOT NULL violated inside the transaction
    run = store.start_run(["x"], 1, None)
    with pytest.raises(sqlite3.IntegrityError):
        store.write(run, [good, bad], [])
    assert store.stats()["articles"] == 0


# -- canonical actors across articles -------------------------------------------------------


def test_name_variants_share_one_actor(corpus):
    ids = {q["text"]: q["speaker_actor"] for q in corpus.quotes(QuoteQuery(limit=None))}
    putin = ids["Nous vaincrons le terrorisme"]
    assert putin is not None
    assert ids["We will talk about grain exports"] == putin  # English spelling
    assert ids["Le blé russe nourrit le monde"] == putin  # "le président russe" in 2022


def test_people_sharing_a_surname_stay_apart(corpus):
    ids = {q["text"]: q["speaker_actor"] for q in corpus.quotes(QuoteQuery(limit=None))}
    assert ids["Le Brexit est fait"] != ids["Action"]
    assert None not in (ids["Le Brexit est fait"], ids["Action"])


def test_actors_ranked_with_counts_and_aliases(corpus):
    top = corpus.actors(3)
    assert top[0]["quotes"] == 3 and top[0]["addressed"] == 1
    assert {"Vladimir Poutine", "Vladimir Putin"} <= set(corpus.actor(top[0]["id"])["aliases"])
    assert corpus.actor("name:nobody") is None


# -- every quote filter ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            QuoteQuery(speaker="Poutine"),
            {
                "Nous vaincrons le terrorisme",
                "We will talk about grain exports",
                "Le blé russe nourrit le monde",
            },
        ),
        (QuoteQuery(speaker="Johnson"), {"Le Brexit est fait", "Action"}),
        (QuoteQuery(speaker="Boris Johnson"), {"Le Brexit est fait"}),
        (QuoteQuery(speaker="Xi"), {"Notre amitié est sans limites"}),
        (QuoteQuery(speaker="Nobody Atall"), set()),
        (QuoteQuery(about="ble"), {"Le blé russe nourrit le monde"}),  # accents ignored
        (QuoteQuery(about="amitié limites"), {"Notre amitié est sans limites"}),
        (QuoteQuery(about='grain" OR "x'), set()),  # every word must occur, no FTS syntax
        (QuoteQuery(to="Putin"), {"Notre amitié est sans limites"}),
        (
            QuoteQuery(since="2022-07-01"),
            {
                "Le blé russe nourrit le monde",
                "We will talk about grain exports",
                "Notre amitié est sans limites",
            },
        ),
        (
            QuoteQuery(until="2022-07-01"),
            {
                "Nous vaincrons le terrorisme",
                "Le blé russe nourrit le monde",
                "Le Brexit est fait",
                "Action",
            },
        ),
        (QuoteQuery(since="2023-01-01", until="2023-12-31"), {"We will talk about grain exports"}),
        (QuoteQuery(lang="en"), {"We will talk about grain exports"}),
        (QuoteQuery(source="lesoir.be"), {"Nous vaincrons le terrorisme"}),
        (QuoteQuery(source="uk"), {"Le Brexit est fait", "Action"}),  # a domain suffix
        (
            QuoteQuery(speaker="Poutine", lang="fr", until="2022-12-31", source="be"),
            {"Nous vaincrons le terrorisme"},
        ),
    ],
)
def test_quote_filters(corpus, query, expected):
    assert _texts(corpus.quotes(query)) == expected
    assert corpus.count_quotes(query) == len(expected)


def test_quotes_are_newest_first_and_paginated(corpus):
    all_rows = corpus.quotes(QuoteQuery(limit=None))
    dates = [r["published"] for r in all_rows]
    assert dates == sorted(dates, reverse=True)
    page = corpus.quotes(QuoteQuery(limit=2, offset=2))
    assert [r["id"] for r in page] == [r["id"] for r in all_rows[2:4]]


def test_bad_date_is_a_clear_error(corpus):
    with pytest.raises(WirelensError, match="not an ISO date"):
        corpus.quotes(QuoteQuery(since="last week"))


def test_article_search_and_show(corpus):
    hits = corpus.articles(ArticleQuery(text="Brexit"))
    assert len(hits) == 1 and hits[0]["quotes"] == 2
    art = corpus.article(hits[0]["id"])
    assert art["article"]["text"].startswith("Boris Johnson")
    assert corpus.article(art["hash"])["id"] == art["id"]
    assert corpus.article("0" * 10) is None  # a prefix of several hashes is ambiguous
    assert corpus.article("999") is None
    assert corpus.article("9" * 30) is None  # beyond SQLite's integers: no error


def test_stats(corpus):
    stats = corpus.stats()
    assert stats["articles"] == 5 and stats["quotes"] == 6
    assert stats["languages"] == {"fr": 4, "en": 1}
    assert stats["published"] == {"first": "2020-01-31", "last": "2024-05-16"}
    assert stats["top_speakers"][0]["quotes"] == 3


# -- export ---------------------------------------------------------------------------------


def test_export_jsonl_csv_parquet(corpus, tmp_path, validate):
    assert export_articles(corpus, tmp_path / "a.jsonl") == 5
    docs = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    for doc in docs:
        validate({k: v for k, v in doc.items() if k not in ("store_id", "hash", "story_id")})
    assert export_articles(corpus, tmp_path / "a.csv") == 5
    with open(tmp_path / "a.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["lang"] for r in rows} == {"fr", "en"}
    import pyarrow.parquet as pq

    assert (
        export_quotes(corpus, tmp_path / "q.parquet", query=QuoteQuery(speaker="Putin", limit=None))
        == 3
    )
    table = pq.read_table(tmp_path / "q.parquet")
    assert table.num_rows == 3 and "speaker_actor" in table.column_names
    assert export_articles(corpus, tmp_path / "a.parquet") == 5
    assert pq.read_table(tmp_path / "a.parquet").column("quotes").to_pylist().count(2) == 1
    with pytest.raises(WirelensError, match="format"):
        export_articles(corpus, tmp_path / "a.xlsx")


# -- migrations and bad stores --------------------------------------------------------------


def test_new_store_is_at_the_latest_schema(store):
    assert store.version == schema_version() >= 1


def test_a_newer_store_is_refused(tmp_path):
    path = tmp_path / "new.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {schema_version() + 1}")
    db.close()
    with pytest.raises(WirelensError, match="newer than this wirelens"):
        open_store(path)


def test_not_a_store(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(WirelensError, match="not a usable wirelens store"):
        open_store(path)
    with pytest.raises(WirelensError, match="no store"):
        open_store(tmp_path / "missing.db", readonly=True)


def test_actor_timeline_and_links(corpus):
    putin = corpus.quotes(QuoteQuery(speaker="Putin", limit=1))[0]["speaker_actor"]
    assert corpus.actor_timeline(putin) == [
        {"month": "2022-05", "quotes": 1},
        {"month": "2022-07", "quotes": 1},
        {"month": "2023-01", "quotes": 1},
    ]
    links = corpus.actor_links(putin)
    assert links["addressed"] == []
    assert [(x["name"], x["quotes"]) for x in links["addressed_by"]] == [("Xi Jinping", 1)]
    assert corpus.count_articles(ArticleQuery(lang="fr")) == 4
