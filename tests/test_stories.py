"""Stories: syndicated copies grouped, their representative, quotes counted once, translations
linked more weakly, the index incremental and the threshold configurable. No spaCy: the
articles are cleaned and fingerprinted without the model (quotes are added by hand)."""

from __future__ import annotations

from hashlib import sha256
from itertools import combinations
from pathlib import Path

import pytest

from wirelens.ingest import Record
from wirelens.model import Mention, Participant, Quote
from wirelens.pipeline import process_records
from wirelens.settings import Settings
from wirelens.store import QuoteQuery, open_store
from wirelens.store.rows import article_rows
from wirelens.stories.fingerprint import facts, jaccard, overlap, quote_key, signature
from wirelens.stories.variants import VARIANTS, copies

NEWS = Path(__file__).parent / "data" / "news"
BASES = sorted(p for p in NEWS.glob("*.fr.txt"))


def _articles(items: list[tuple[str, str, dict]]):
    """(id, text, extra fields) → Articles, cleaned and with metadata, without spaCy."""
    records = [Record(source=rid, id=rid, text=text, **extra) for rid, text, extra in items]
    return list(process_records(records, Settings(nlp=False)))


def _store_all(store, articles) -> None:
    run = store.start_run(["test"], 1, None)
    store.write(run, [article_rows(a, sha256(a.id.encode()).hexdigest()) for a in articles], [])


def _story_of(store) -> dict[str, int]:
    return {r[0]: r[1] for r in store.db.execute("SELECT record_id, story_id FROM articles")}


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "s.db") as st:
        yield st


@pytest.fixture(scope="module")
def syndicated():
    """Every base article and its six copies, the copies published later on other sites."""
    items = []
    for base in BASES:
        text = base.read_text(encoding="utf-8")
        stem = base.name.removesuffix(".fr.txt")
        items.append(
            (stem, text, {"url": f"https://agence.example/{stem}", "published": "2024-03-01"})
        )
        for n, (name, copy) in enumerate(copies(text, seed=len(stem)).items()):
            extra = {"url": f"https://site{n}.example/{stem}", "published": f"2024-03-0{2 + n}"}
            items.append((f"{stem}/{name}", copy, extra))
    return _articles(items)


def test_fingerprint_basics():
    text = (NEWS / "budget-lyon.fr.txt").read_text(encoding="utf-8")
    sig, size = signature(text)
    half, half_size = signature(text[: len(text) // 2])
    other, _ = signature((NEWS / "greve-tec.fr.txt").read_text(encoding="utf-8"))
    assert jaccard(sig, signature(text.upper())[0]) == 1.0  # case and accents folded
    assert overlap(jaccard(sig, half), size, half_size) > 0.8  # a truncated copy is inside
    assert jaccard(sig, other) < 0.05
    assert quote_key("« Nous  tenons nos engagements »") == quote_key("nous tenons nos engagements")
    assert facts(
        "1,8 milliard, 25 000 arbres en 2024, 1 250 millions et 43 voix", {"kb:x", "country:FRA"}
    ) == {
        "n:25000",
        "n:1250",
        "a:kb:x",
    }
    assert facts("1.8 billion, 25,000 trees in 2024, 1,250 million and 43 votes", {"kb:x"}) == {
        "n:25000",
        "n:1250",
        "a:kb:x",
    }


def test_every_copy_joins_its_story_and_only_it(store, syndicated):
    _store_all(store, syndicated)
    story = _story_of(store)
    for base in BASES:
        stem = base.name.removesuffix(".fr.txt")
        members = {story[f"{stem}/{name}"] for name in VARIANTS} | {story[stem]}
        assert len(members) == 1, (stem, members)
    assert len(set(story.values())) == len(BASES)  # different dispatches stay apart
    stats = store.stats()
    assert stats["stories"] == stats["syndicated_stories"] == len(BASES)


def test_pairs_precision_and_recall(store, syndicated):
    _store_all(store, syndicated)
    story = _story_of(store)
    ids = sorted(story)
    gold = {(a, b) for a, b in combinations(ids, 2) if a.split("/")[0] == b.split("/")[0]}
    found = {(a, b) for a, b in combinations(ids, 2) if story[a] == story[b]}
    assert found == gold


def test_representative_is_the_earliest_then_the_agency_credited(store):
    text = (NEWS / "avalanche-valais.fr.txt").read_text(encoding="utf-8")
    bare = text.replace("SION (ATS) – ", "")
    arts = _articles(
        [
            ("late", text, {"url": "https://a.example/1", "published": "2024-03-05"}),
            ("uncredited", bare, {"url": "https://b.example/2", "published": "2024-03-02"}),
            ("credited", text, {"url": "https://c.example/3", "published": "2024-03-02"}),
        ]
    )
    _store_all(store, arts)
    (row,) = store.stories()
    assert row["size"] == 3 and row["sources"] == 3
    assert store.article(row["representative"])["record_id"] == "credited"
    assert (row["first_published"], row["last_published"]) == ("2024-03-02", "2024-03-05")


def test_index_is_incremental_and_merges_stories(store):
    text = (NEWS / "cyclone-madagascar.fr.txt").read_text(encoding="utf-8")
    paras = text.split("\n\n")
    first_half = "\n\n".join(paras[:4])
    second_half = "\n\n".join(paras[:1] + paras[4:])
    a, b = _articles([("a", first_half, {}), ("b", second_half, {})])
    _store_all(store, [a])
    _store_all(store, [b])  # matched against the stored index, no rebuild
    assert len(set(_story_of(store).values())) == 2  # the two halves share too little
    (whole,) = _articles([("whole", text, {})])
    _store_all(store, [whole])  # contains both: the stories become one
    assert len(set(_story_of(store).values())) == 1
    assert store.stats()["stories"] == 1 and store.stories()[0]["size"] == 3


def test_threshold_is_configurable(tmp_path):
    text = (NEWS / "greve-tec.fr.txt").read_text(encoding="utf-8")
    items = [
        ("full", text, {"url": "https://a/1"}),
        ("copy", copies(text)["mixed"], {"url": "https://b/2"}),
    ]
    arts = _articles(items)
    for threshold, stories in ((0.5, 1), (0.99, 2)):
        with open_store(tmp_path / f"{threshold}.db", copy_threshold=threshold) as st:
            _store_all(st, arts)
            assert st.stats()["stories"] == stories


def test_translation_is_a_weaker_link(store):
    fr = (NEWS / "budget-lyon.fr.txt").read_text(encoding="utf-8")
    en = (NEWS / "budget-lyon.en.txt").read_text(encoding="utf-8")
    other = (NEWS / "cyclone-madagascar.fr.txt").read_text(encoding="utf-8")
    arts = _articles(
        [
            ("fr", fr, {"lang": "fr", "published": "2024-11-04"}),
            ("en", en, {"lang": "en", "published": "2024-11-05"}),
            ("other", other, {"lang": "fr", "published": "2024-11-05"}),
        ]
    )
    _store_all(store, arts)
    story = _story_of(store)
    assert len(set(story.values())) == 3  # a translation is not a copy
    links = store.db.execute("SELECT kind, count(*) FROM story_links GROUP BY kind").fetchall()
    assert [tuple(r) for r in links] == [("translation", 1)]
    detail = store.story(story["fr"])
    assert [(t["article_id"], t["lang"]) for t in detail["translations"]] == [
        (store.article("en")["id"], "en")
    ]


def test_translation_needs_close_dates(store):
    fr = (NEWS / "budget-lyon.fr.txt").read_text(encoding="utf-8")
    en = (NEWS / "budget-lyon.en.txt").read_text(encoding="utf-8")
    arts = _articles(
        [
            ("fr", fr, {"lang": "fr", "published": "2024-11-04"}),
            ("en", en, {"lang": "en", "published": "2025-02-01"}),
        ]
    )
    _store_all(store, arts)
    assert store.db.execute("SELECT count(*) FROM story_links").fetchone()[0] == 0


def _quoted(article, quote: str, speaker: str):
    start = article.text.index(quote)
    article.quotes.append(
        Quote(
            text=quote,
            start=start,
            end=start + len(quote),
            type="direct",
            speaker=Participant(
                name=speaker, mention=Mention(text=speaker, start=0, end=len(speaker))
            ),
        )
    )
    return article


def test_dedupe_counts_a_syndicated_quote_once(store):
    text = (NEWS / "greve-tec.fr.txt").read_text(encoding="utf-8")
    quote = "Nous ne pouvons plus garantir la sécurité des voyageurs"
    variants = copies(text)
    items = [("orig", text, {"url": "https://belga.example/1"})]
    items += [
        (name, variants[name], {"url": f"https://s{n}.example/x"})
        for n, name in enumerate(("junk", "headline", "reordered"))
    ]
    arts = [_quoted(a, quote, "Marc Dethier") for a in _articles(items)]
    other = _quoted(
        _articles([("other", (NEWS / "avalanche-valais.fr.txt").read_text(encoding="utf-8"), {})])[
            0
        ],
        "Un skieur de randonnée",
        "Marc Dethier",
    )
    _store_all(store, [*arts, other])
    plain = QuoteQuery(speaker="Dethier", limit=None)
    deduped = QuoteQuery(speaker="Dethier", dedupe=True, limit=None)
    assert store.count_quotes(plain) == 5
    assert store.count_quotes(deduped) == 2  # the syndicated quote once, the other quote once
    rows = {r["text"]: r for r in store.quotes(deduped)}
    assert rows[quote]["copies"] == 4 and len(rows[quote]["article_ids"]) == 4
    assert rows["Un skieur de randonnée"]["copies"] == 1
    assert store.stats()["quotes_deduplicated"] == 2


def test_reindex_rebuilds_the_same_stories(store, syndicated):
    _store_all(store, syndicated)
    before = _story_of(store)
    with store.db:
        for table in ("signatures", "lsh_bands", "facts", "story_links", "stories"):
            store.db.execute(f"DELETE FROM {table}")
        store.db.execute("UPDATE articles SET story_id = NULL")
    assert store.reindex_stories() == len(syndicated)
    after = _story_of(store)
    same = {(a, b) for a, b in combinations(sorted(before), 2) if before[a] == before[b]}
    assert same == {(a, b) for a, b in combinations(sorted(after), 2) if after[a] == after[b]}
