"""The HTTP API and the HTML pages through FastAPI's test client (no socket, no browser):
pagination, filters, 4xx errors, read-only access, `POST /api/extract` and its size limit, and
that untrusted article text is escaped everywhere.

The store is built once per session with the real pipeline (fr_core_news_md, as in
test_store_ingest.py) from the founding sample, two copies of it republished elsewhere (one
story of three articles: quotations counted once with `dedupe`) and a hostile article whose
quotations hold `<script>` and markup; test_web.py drives a browser over the same store.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import tempfile
import warnings
from functools import cache
from pathlib import Path

import pytest

from wirelens.settings import Settings
from wirelens.store import open_store
from wirelens.store.ingest import ingest

with warnings.catch_warnings():  # newer starlette prefers httpx2 to httpx: a notice at import
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from wirelens.api import create_app
from wirelens.web import safe_url
from wirelens.web.charts import republication, stacked_events, timeline
from wirelens.web.highlight import highlight

ROOT = Path(__file__).resolve().parent.parent
MODEL = "fr_core_news_md"
SAMPLE_QUOTES = 12  # quotations fr_core_news_md finds in the founding sample
COPIES = 3  # the sample and its two copies: one story
ARTICLES = COPIES + 1  # and the hostile article
QUOTES = COPIES * SAMPLE_QUOTES + 2  # the hostile article has 2
QUOTES_ONCE = SAMPLE_QUOTES + 2  # each quotation of the story counted once
SAMPLE_EVENTS = 10  # the 10 gold events of the founding sample (its optional one is quoted)
EVENTS = COPIES * SAMPLE_EVENTS + 1  # the hostile article has 1 (Jean Dupont REJECT)
SCRIPT = "<script>alert(1)</script>"
HOSTILE_TEXT = (
    f"Paris (AFP) – « Nous refusons {SCRIPT} et <b>tout</b> cela », a déclaré Jean Dupont, "
    "ministre français, mardi.\n"
    'Il a ajouté que <img src=x onerror="alert(2)"> n\'était pas acceptable.\n'
    "Jean Dupont a rejeté mercredi la proposition de Moscou."  # an act outside the quotes
)
HOSTILE_TITLE = "<i>Titre</i> <script>alert(3)</script>"


@cache
def sample_store() -> Path:
    """The sample store (built once per test process): the founding sample as
    `afp-putin-xi.fr`, two copies with a sentence added (`copy-lesoir`, `copy-rtbf`, later and
    on other sites: one story of three), and the hostile article as `hostile`, with a
    `javascript:` URL. The sample has no article in another language: a translation link from
    the hostile article to the sample is written directly, to show one on the story page."""
    folder = Path(tempfile.mkdtemp(prefix="wirelens-web-"))
    import atexit

    atexit.register(shutil.rmtree, folder, True)
    text = (ROOT / "examples" / "afp-putin-xi.fr.txt").read_text(encoding="utf-8")
    records = [
        {
            "id": "afp-putin-xi.fr",
            "text": text,
            "url": "https://www.afp.com/fr/putin-xi",
            "published": "2022-12-30",
        },
        {
            "id": "copy-lesoir",
            "text": f"{text}\nCette dépêche a été reprise par Le Soir.",
            "url": "https://www.lesoir.be/putin-xi",
            "published": "2022-12-30T18:05:00+01:00",
        },
        {
            "id": "copy-rtbf",
            "title": "Poutine et Xi, unis face à l'Occident",
            "text": f"{text}\nLa RTBF publie cette dépêche le lendemain.",
            "url": "https://www.rtbf.be/putin-xi",
            "published": "2022-12-31",
        },
        {
            "id": "hostile",
            "title": HOSTILE_TITLE,
            "text": HOSTILE_TEXT,
            "url": "javascript:alert(4)",
            "published": "2023-01-05",
        },
    ]
    src = folder / "sample.jsonl"
    src.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    db = folder / "sample.db"
    with open_store(db) as store:
        report = ingest([str(src)], store, Settings(model=MODEL), workers=1, progress=False)
    assert (report.added, report.failed) == (ARTICLES, 0), report.errors
    con = sqlite3.connect(db)
    with con:
        con.execute(
            "INSERT INTO story_links (a, b, kind, score) SELECT h.id, s.id, 'translation', 0.5 "
            "FROM articles h, articles s WHERE h.record_id = 'hostile' "
            "AND s.record_id = 'afp-putin-xi.fr'"
        )
    con.close()
    return db


@pytest.fixture(scope="module")
def db() -> Path:
    return sample_store()


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db, model=MODEL, max_extract_bytes=20_000)) as c:
        yield c


def _ok(client, url: str) -> dict:
    r = client.get(url)
    assert r.status_code == 200, (url, r.text)
    return r.json()


# -- JSON API ---------------------------------------------------------------------------------


def test_stats(client):
    stats = _ok(client, "/api/stats")
    assert (stats["articles"], stats["quotes"]) == (ARTICLES, QUOTES)
    assert stats["quotes_deduplicated"] == QUOTES_ONCE
    assert (stats["stories"], stats["syndicated_stories"]) == (2, 1)
    assert stats["languages"] == {"fr": ARTICLES}
    assert stats["top_speakers"][0]["id"] == "kb:vladimir-putin"
    assert "store" not in stats  # no server file path


@pytest.mark.parametrize(
    "url",
    [
        "/api/articles",
        "/api/quotes",
        "/api/actors",
        "/api/actors/kb:vladimir-putin/quotes",
        "/api/quotes?dedupe=true",
        "/api/stories",
        "/api/events",
        "/api/events?dedupe=true",
        "/api/actors/kb:vladimir-putin/events",
        "/api/countries/CHN/RUS/events",
    ],
)
def test_every_list_is_paginated(client, url):
    url += "&" if "?" in url else "?"
    full = _ok(client, f"{url}limit=500")
    assert set(full) == {"total", "limit", "offset", "items"}
    assert full["total"] == len(full["items"]) >= 2 and full["offset"] == 0
    pages = []
    for offset in range(0, full["total"], 5):
        page = _ok(client, f"{url}limit=5&offset={offset}")
        assert (page["total"], page["limit"], page["offset"]) == (full["total"], 5, offset)
        pages += page["items"]
    assert pages == full["items"]
    assert _ok(client, f"{url}offset={full['total']}")["items"] == []


def test_quote_filters(client):
    xi = _ok(client, "/api/quotes?speaker=Xi&dedupe=true")
    assert xi["total"] == 2 and {q["speaker_actor"] for q in xi["items"]} == {"kb:xi-jinping"}
    poutine = _ok(client, "/api/quotes?speaker=Poutine&dedupe=1")["items"]
    assert len(poutine) == 7 and all(q["speaker"] == "Vladimir Putin" for q in poutine)
    to_xi = _ok(client, "/api/quotes?to=Xi%20Jinping&dedupe=true")["items"]
    assert len(to_xi) == 1 and to_xi[0]["speaker_actor"] == "kb:vladimir-putin"
    about = _ok(client, "/api/quotes?about=sanctions%20ingerence&dedupe=true")["items"]
    assert len(about) == 1 and "ingérence" in about[0]["text"]
    assert _ok(client, "/api/quotes?since=2023-01-01")["total"] == 2
    assert _ok(client, "/api/quotes?until=2022-12-30")["total"] == 2 * SAMPLE_QUOTES
    assert _ok(client, "/api/quotes?source=afp.com&lang=fr")["total"] == SAMPLE_QUOTES
    assert _ok(client, "/api/quotes?source=be&dedupe=true")["total"] == SAMPLE_QUOTES
    assert _ok(client, "/api/quotes?lang=en")["total"] == 0
    q = _ok(client, "/api/quotes?speaker=Xi&limit=1")["items"][0]
    for key in ("article_id", "text", "start", "end", "cue", "confidence", "url"):
        assert key in q


def test_articles_and_detail(client):
    found = _ok(client, "/api/articles?q=Kremlin%20Chine")
    assert [a["record_id"] for a in found["items"]] == [
        "copy-rtbf",
        "copy-lesoir",
        "afp-putin-xi.fr",
    ]
    assert len({a["story_id"] for a in found["items"]}) == 1
    assert {a["story_size"] for a in found["items"]} == {COPIES}
    art = found["items"][-1]
    assert art["quotes"] == SAMPLE_QUOTES and art["domain"] == "afp.com"
    for ref in (art["id"], art["hash"][:10], "afp-putin-xi.fr"):
        detail = _ok(client, f"/api/articles/{ref}")
        assert detail["id"] == art["id"]
    doc = detail["article"]
    assert len(doc["quotes"]) == len(detail["quotes"]) == SAMPLE_QUOTES
    assert {r["reason"] for r in doc["removed"]} >= {"ad_placeholder", "source_link"}
    assert all(doc["text"][q["start"] : q["end"]] == q["text"] for q in doc["quotes"])
    assert any(e["actor_id"] == "kb:xi-jinping" for e in detail["entities"])
    assert (detail["story_id"], detail["story_size"]) == (art["story_id"], COPIES)
    assert _ok(client, "/api/articles?since=2023-01-01")["items"][0]["record_id"] == "hostile"


def test_actors_and_detail(client):
    found = _ok(client, "/api/actors?name=Poutine")
    assert [a["id"] for a in found["items"]] == ["kb:vladimir-putin"]
    putin = _ok(client, "/api/actors/kb:vladimir-putin")
    assert putin["quotes"] == 7 * COPIES and "Poutine" in putin["aliases"]
    assert any("president of Russia" in r for r in putin["roles"])
    assert putin["timeline"] == [{"month": "2022-12", "quotes": 7 * COPIES}]
    assert [link["id"] for link in putin["addressed"]] == ["kb:xi-jinping"]
    xi = _ok(client, "/api/actors/kb:xi-jinping")
    assert [link["id"] for link in xi["addressed_by"]] == ["kb:vladimir-putin"]


def test_stories_list_and_detail(client):
    original = _ok(client, "/api/articles/afp-putin-xi.fr")
    listed = _ok(client, "/api/stories")
    assert listed["total"] == 2  # the sample's story and the hostile article's
    big = listed["items"][0]
    assert (big["id"], big["representative"]) == (original["story_id"], original["id"])
    assert (big["size"], big["sources"], big["translations"]) == (COPIES, 3, 1)
    assert (big["first_published"], big["last_published"]) == ("2022-12-30", "2022-12-31")
    assert _ok(client, "/api/stories?min_size=2")["items"] == [big]
    assert _ok(client, "/api/stories?min_size=2&offset=1") == {
        "total": 1,
        "limit": 50,
        "offset": 1,
        "items": [],
    }
    assert _ok(client, "/api/stories?since=2023-01-01")["total"] == 1  # the hostile one
    assert _ok(client, "/api/stories?until=2022-12-29")["total"] == 0

    story = _ok(client, f"/api/stories/{big['id']}")
    members = story["members"]  # oldest first
    assert [m["record_id"] for m in members] == ["afp-putin-xi.fr", "copy-lesoir", "copy-rtbf"]
    assert [m["representative"] for m in members] == [True, False, False]
    assert all(m["similarity"] >= 0.5 and isinstance(m["agencies"], list) for m in members)
    assert story["sources"] == [
        {"domain": d, "articles": 1} for d in ("afp.com", "lesoir.be", "rtbf.be")
    ]
    assert (story["quotes"], story["quote_copies"]) == (SAMPLE_QUOTES, COPIES * SAMPLE_QUOTES)
    [link] = story["translations"]
    assert (link["title"], link["score"]) == (HOSTILE_TITLE, 0.5)


def test_dedupe_counts_a_story_quotation_once(client):
    sid = _ok(client, "/api/articles/afp-putin-xi.fr")["story_id"]
    every = _ok(client, f"/api/quotes?story={sid}&limit=500")
    once = _ok(client, f"/api/quotes?story={sid}&dedupe=true&limit=500")
    assert (every["total"], once["total"]) == (COPIES * SAMPLE_QUOTES, SAMPLE_QUOTES)
    assert len(once["items"]) == SAMPLE_QUOTES and {q["story_id"] for q in every["items"]} == {sid}
    assert all(q["copies"] == COPIES and len(q["article_ids"]) == COPIES for q in once["items"])
    assert all(q["copies"] is None for q in every["items"])
    assert {tuple(q["article_ids"]) for q in once["items"]} == {
        tuple(sorted({q["article_id"] for q in every["items"]}))
    }
    assert _ok(client, "/api/quotes")["total"] == _ok(client, "/api/quotes?dedupe=false")["total"]
    assert _ok(client, "/api/quotes")["total"] == QUOTES
    assert _ok(client, "/api/quotes?dedupe=true")["total"] == QUOTES_ONCE
    assert _ok(client, "/api/quotes?speaker=Xi")["total"] == 2 * COPIES


@pytest.mark.parametrize(
    "url,status",
    [
        ("/api/quotes?limit=0", 422),
        ("/api/quotes?limit=501", 422),
        ("/api/quotes?limit=ten", 422),
        ("/api/articles?offset=-1", 422),
        ("/api/quotes?since=yesterday", 422),
        ("/api/articles?until=2022-13-45", 422),
        ("/api/actors?limit=-5", 422),
        ("/api/articles/no-such-article", 404),
        ("/api/actors/kb:nobody", 404),
        ("/api/actors/kb:nobody/quotes", 404),
        ("/api/stories/999999", 404),
        ("/api/stories/abc", 422),
        ("/api/stories/0", 422),
        ("/api/stories/99999999999999999999999", 422),
        ("/api/stories?min_size=0", 422),
        ("/api/stories?since=soon", 422),
        ("/api/quotes?dedupe=maybe", 422),
        ("/api/quotes?story=-1", 422),
        ("/api/events?type=PARTY", 422),
        ("/api/events?flag=maybe", 422),
        ("/api/events?country=RU", 422),
        ("/api/events?since=soon", 422),
        ("/api/events?limit=0", 422),
        ("/api/actors/kb:nobody/events", 404),
        ("/api/actors/kb:vladimir-putin/events?role=witness", 422),
        ("/api/countries/XXX/UKR", 404),
        ("/api/countries/RUS/XXX/events", 404),
        ("/api/countries/RUSS/UKR", 422),
        ("/api/countries/RUS/UKR/events?type=x", 422),
        ("/api/countries/RUS/UKR?until=later", 422),
        ("/api/nothing-here", 404),
    ],
)
def test_bad_parameters_are_4xx_with_a_json_body(client, url, status):
    r = client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["detail"]


def test_bad_date_says_why(client):
    assert client.get("/api/quotes?since=yesterday").json() == {
        "detail": "not an ISO date (YYYY-MM-DD): 'yesterday'"
    }


def test_read_only(client, db):
    before = db.read_bytes()
    for method in ("post", "put", "patch", "delete"):
        for url in ("/api/quotes", "/api/articles/1", "/api/actors/kb:xi-jinping", "/"):
            assert getattr(client, method)(url).status_code == 405, (method, url)
    assert client.get("/api/extract").status_code == 405
    assert db.read_bytes() == before


def test_concurrent_requests(client):
    """Requests in parallel threads each get their own store connection and the same answers."""
    from concurrent.futures import ThreadPoolExecutor

    urls = ["/api/quotes?speaker=Xi", "/api/articles/1", "/api/actors?limit=3", "/search?q=Chine"]
    expected = {url: client.get(url).content for url in urls}
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda u: (u, client.get(u)), urls * 12))
    assert all(r.status_code == 200 and r.content == expected[u] for u, r in answers)


def test_openapi_documents_every_endpoint(client):
    schema = _ok(client, "/openapi.json")
    assert set(schema["paths"]) == {
        "/api/stats",
        "/api/articles",
        "/api/articles/{ref}",
        "/api/quotes",
        "/api/actors",
        "/api/actors/{actor_id}",
        "/api/actors/{actor_id}/quotes",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/events",
        "/api/actors/{actor_id}/events",
        "/api/countries/{a}/{b}",
        "/api/countries/{a}/{b}/events",
        "/api/extract",
    }
    assert list(schema["paths"]["/api/extract"]) == ["post"]
    params = {p["name"] for p in schema["paths"]["/api/quotes"]["get"]["parameters"]}
    assert params == {
        "speaker",
        "about",
        "to",
        "since",
        "until",
        "lang",
        "source",
        "story",
        "dedupe",
        "limit",
        "offset",
    }
    params = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert params == {
        *("type", "actor", "recipient", "country", "since", "until", "flag", "lang"),
        *("source", "dedupe", "limit", "offset"),
    }
    page = client.get("/docs")
    assert page.status_code == 200 and "/api/actors/{actor_id}/quotes" in page.text
    assert "cdn" not in page.text.lower()


def _who(people: list[dict]) -> list[tuple]:
    return [(p["name"], p["country"]) for p in people]


def test_event_filters(client):
    every = _ok(client, "/api/events?limit=500")
    assert every["total"] == EVENTS
    assert _ok(client, "/api/events?dedupe=true")["total"] == SAMPLE_EVENTS + 1
    assault = _ok(client, "/api/events?type=assault&flag=historical")
    assert assault["total"] == COPIES
    assert all(
        (e["type"], e["group"], _who(e["actor"]), _who(e["recipient"]), e["flags"])
        == ("ASSAULT", "conflict", [("Russie", "RUS")], [("Ukraine", "UKR")], ["historical"])
        for e in assault["items"]
    )
    once = _ok(client, "/api/events?country=ukr&dedupe=true")["items"]
    assert len(once) == 1 and once[0]["copies"] == COPIES and len(once[0]["article_ids"]) == 3
    assert "l’assaut de Moscou contre l’Ukraine" in once[0]["sentence"]
    putin = _ok(client, "/api/events?actor=Poutine&dedupe=true")["items"]
    assert {e["type"] for e in putin} == {"AGREE", "SUPPORT", "CONSULT"}  # the talks
    assert all(e["group"] == "cooperation" for e in putin)
    to_xi = _ok(client, "/api/events?actor=Poutine&recipient=Xi&dedupe=true")["items"]
    # the wish to intensify military cooperation and the awaited state visit
    assert [(e["type"], _who(e["recipient"])) for e in to_xi] == [
        ("AGREE", [("Xi Jinping", "CHN")])
    ] * 2
    assert _ok(client, "/api/events?since=2023-01-01")["items"][0]["type"] == "REJECT"
    assert _ok(client, "/api/events?until=2022-12-30")["total"] == 2 * SAMPLE_EVENTS
    assert _ok(client, "/api/events?source=be&lang=fr")["total"] == 2 * SAMPLE_EVENTS
    assert _ok(client, "/api/events?lang=en")["total"] == 0


def test_article_detail_has_its_events(client):
    detail = _ok(client, "/api/articles/afp-putin-xi.fr")
    events, doc = detail["events"], detail["article"]["events"]
    assert len(events) == len(doc) == SAMPLE_EVENTS
    assert [e["n"] for e in events] == list(range(SAMPLE_EVENTS))
    for row, ev in zip(events, doc, strict=True):
        assert (row["type"], row["start"], row["end"]) == (
            ev["type"],
            ev["trigger"]["start"],
            ev["trigger"]["end"],
        )
        assert detail["article"]["text"][row["start"] : row["end"]] == row["trigger"]
    assault = next(e for e in events if e["type"] == "ASSAULT")
    assert [p["actor_id"] for p in assault["actor"] + assault["recipient"]] == [
        "country:RUS",
        "country:UKR",
    ]


def test_actor_and_country_pair_events(client):
    putin = _ok(client, "/api/actors/kb:vladimir-putin/events?dedupe=true")
    assert putin["total"] == 6
    received = _ok(client, "/api/actors/kb:vladimir-putin/events?role=recipient")["items"]
    assert {e["type"] for e in received} == {"SANCTION"} and len(received) == COPIES
    # Xi acts in the talks and the shared wish for closer ties (with Putin) and in his praise
    # of the ties, in each copy
    assert _ok(client, "/api/actors/kb:xi-jinping/events?role=actor")["total"] == 3 * COPIES

    pair = _ok(client, "/api/countries/rus/ukr")
    assert (pair["a"], pair["b"], pair["a_name"], pair["b_name"]) == (
        "RUS",
        "UKR",
        "Russia",
        "Ukraine",
    )
    assert (pair["events"], pair["types"]) == (COPIES, {"ASSAULT": COPIES})
    assert pair["monthly"] == [
        {"month": "2022-12", "type": "ASSAULT", "group": "conflict", "events": COPIES}
    ]
    swapped = _ok(client, "/api/countries/UKR/RUS?dedupe=true")
    assert (swapped["events"], swapped["types"]) == (1, {"ASSAULT": 1})
    china = _ok(client, "/api/countries/CHN/RUS?dedupe=true")
    assert china["types"] == {
        "AGREE": 4,
        "SUPPORT": 3,
        "CONSULT": 1,
    }  # coalitions count, either role
    assert _ok(client, "/api/countries/RUS/UKR?since=2023-01-01")["events"] == 0
    listed = _ok(client, "/api/countries/CHN/RUS/events?type=agree&dedupe=true")["items"]
    assert len(listed) == 4 and all(e["copies"] == COPIES for e in listed)
    assert _ok(client, "/api/countries/FRA/UKR/events")["total"] == 0


# -- POST /api/extract ------------------------------------------------------------------------


def test_extract_json(client, db):
    r = client.post(
        "/api/extract",
        json={"text": HOSTILE_TEXT, "id": "posted", "published": "2024-02-01", "lang": "fr"},
    )
    assert r.status_code == 200, r.text
    art = r.json()
    assert (art["id"], art["published"], art["language"]["code"]) == ("posted", "2024-02-01", "fr")
    assert art["quotes"][0]["speaker"]["name"] == "Jean Dupont"
    assert SCRIPT in art["quotes"][0]["text"]  # JSON carries the text as it is
    assert _ok(client, "/api/stats")["articles"] == ARTICLES  # nothing stored


def test_extract_plain_text_and_html(client):
    r = client.post(
        "/api/extract",
        content="« Nous ne céderons pas », a déclaré Jean Dupont.".encode(),
        headers={"content-type": "text/plain; charset=utf-8"},
    )
    assert r.status_code == 200 and r.json()["quotes"][0]["speaker"]["name"] == "Jean Dupont"
    page = (
        "<html><head><title>Un titre</title></head><body><article><p>« Nous ne céderons pas "
        "face aux pressions », a déclaré Jean Dupont, le ministre, mardi à Paris lors d'une "
        "conférence de presse consacrée au budget.</p></article></body></html>"
    )
    r = client.post("/api/extract", content=page, headers={"content-type": "text/html"})
    assert r.status_code == 200, r.text
    assert "<p>" not in r.json()["text"] and "céderons" in r.json()["text"]


@pytest.mark.parametrize(
    "kwargs,status",
    [
        ({"json": {"id": "x"}}, 422),  # neither text nor html
        ({"json": {"text": "x", "colour": "red"}}, 422),  # unknown field
        ({"json": {"text": "   "}}, 422),  # the pipeline's own error: empty text
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422),
        ({"content": b"\xff\xfe", "headers": {"content-type": "text/plain"}}, 400),
        ({"content": b"x", "headers": {"content-type": "application/pdf"}}, 415),
    ],
)
def test_extract_bad_bodies(client, kwargs, status):
    r = client.post("/api/extract", **kwargs)
    assert r.status_code == status, r.text
    assert r.json()["detail"]


def test_extract_size_limit(client):
    big = "a" * 20_001  # this app's limit is 20,000 bytes
    r = client.post("/api/extract", content=big, headers={"content-type": "text/plain"})
    assert r.status_code == 413 and "20,000" in r.json()["detail"]

    def chunks():  # no Content-Length: the body is counted as it arrives
        for _ in range(30):
            yield b"a" * 1000

    r = client.post("/api/extract", content=chunks(), headers={"content-type": "text/plain"})
    assert r.status_code == 413


# -- HTML pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url,text",
    [
        ("/", "Top speakers"),
        ("/search?q=Chine&speaker=Poutine", "Quotations"),
        ("/search?since=2022-01-01&until=2022-12-31&lang=fr&source=com", "afp-putin-xi.fr"),
        ("/articles/afp-putin-xi.fr", "Removed junk (5)"),
        ("/actors", "Vladimir Putin"),
        ("/actors?name=Xi", "Xi Jinping"),
        ("/actors/kb:vladimir-putin", "Addressed by"),
        ("/stories", "copies of one dispatch"),
        ("/stories?min_size=1&since=2022-01-01&until=2023-12-31", "Translations"),
        ("/docs", "POST"),
        ("/events", "ASSAULT"),
        ("/events?type=support&actor=Poutine&flag=&country=rus&copies=1", "a salué"),
        ("/countries", "RUS – UKR"),
        ("/countries/RUS/UKR", "Russia"),
    ],
)
def test_pages(client, url, text):
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert text in r.text
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert "http://" not in r.text.replace("http://www.w3.org", "")  # nothing loaded from afar
    assert "https://" not in r.text.replace("https://www.afp.com/fr/putin-xi", "")


def test_article_page_highlights(client):
    html = client.get("/articles/afp-putin-xi.fr").text
    quotes = {int(n) for n in _attrs(html, "data-quote")}
    assert quotes == set(range(SAMPLE_QUOTES))
    assert html.count('class="speaker-link"') == 3  # Putin, Xi, CCTV
    assert 'href="/actors/kb%3Avladimir-putin"' in html
    assert 'class="cue"' in html and "speaker mc-" in html


def test_article_page_marks_events(client):
    html = client.get("/articles/afp-putin-xi.fr").text
    assert {int(n) for n in _attrs(html, "data-event")} == set(range(SAMPLE_EVENTS))
    assert "event ev-conflict" in html and "event ev-cooperation" in html
    assert html.count('class="event-item') == SAMPLE_EVENTS and 'class="toggle-events"' in html
    assert 'href="/countries/RUS/UKR"' in html and 'href="/countries/UKR/RUS"' in html
    assert '<span class="flag">historical</span>' in html
    # a participant without another country is not linked
    assert (
        '<a class="actor-link" href="/actors/kb%3Avladimir-putin">Vladimir Poutine</a> <span class="country">RUS</span>'
        in html
    )


def test_event_pages(client):
    html = client.get("/countries/RUS/UKR").text
    [seg] = re.findall(r'<rect class="seg t-assault ev-conflict"[^>]*>', html)
    axis = float(re.search(r'<line class="axis" x1="[^"]*" y1="([\d.]+)"', html).group(1))
    assert float(_attrs(seg, "y")[0]) >= axis and float(_attrs(seg, "height")[0]) > 0
    assert 'data-n="1"' in seg and html.count('class="event-row') == 1  # counted once
    every = client.get("/countries/RUS/UKR?copies=1").text
    assert 'data-n="3"' in every and every.count('class="event-row') == COPIES
    china = client.get("/countries/CHN/RUS").text
    segs = re.findall(r'<rect class="seg t-(\w+) ev-(\w+)" [^>]* y="([\d.]+)"', china)
    assert {(t, g) for t, g, _ in segs} == {
        ("agree", "cooperation"),
        ("support", "cooperation"),
        ("consult", "cooperation"),
    }
    assert all(float(y) < axis for _, _, y in segs)  # cooperation above the axis
    go = client.get("/countries?a=rus&b=ukr", follow_redirects=False)
    assert (go.status_code, go.headers["location"]) == (303, "/countries/RUS/UKR")
    actor = client.get("/actors/kb:vladimir-putin").text
    assert 'id="event-total">6<' in actor and actor.count('class="event-row') == 6
    home = client.get("/").text
    assert f'id="n-events">{EVENTS}<' in home
    assert 'href="/events?type=ASSAULT&amp;copies=1">ASSAULT</a>' in home


def _attrs(html: str, name: str) -> list[str]:
    return re.findall(rf'{name}="([^"]*)"', html)


def test_figures_count_story_quotations_once(client):
    home = client.get("/").text
    assert f'id="n-quotes">{QUOTES_ONCE}<' in home and f">{QUOTES} with every copy<" in home
    assert 'id="n-stories">1<' in home and 'href="/stories"' in home
    once = client.get("/search?speaker=Poutine").text
    assert 'id="quote-total">7<' in once and once.count('class="quote-row"') == 7
    assert once.count(f"{COPIES} copies</a>") == 7 and "copies=1" in once
    every = client.get("/search?speaker=Poutine&copies=1").text
    assert f'id="quote-total">{7 * COPIES}<' in every and "copies</a>" not in every
    assert 'name="copies" value="1" checked' in every
    following = re.search(r'rel="next" href="([^"]*)"', every).group(1)
    assert "offset=20" in following and "copies=1" in following  # the pager keeps it


def test_story_page(client):
    art = _ok(client, "/api/articles/afp-putin-xi.fr")
    html = client.get(f"/stories/{art['story_id']}").text
    rows = re.findall(r'<tr class="member-row( representative)?" data-article="(\d+)"', html)
    assert len(rows) == COPIES and rows[0] == (" representative", str(art["id"]))
    assert [f"/articles/{a}" for _, a in rows] == [
        h for h in _attrs(html, "href") if re.fullmatch(r"/articles/\d+", h)
    ][:COPIES]
    bars = re.findall(r'data-day="([^"]+)" data-n="(\d+)"', html)
    assert bars == [("2022-12-30", "2"), ("2022-12-31", "1")]
    assert "lesoir.be" in html and "rtbf.be" in html and 'href="/search?source=afp.com"' in html
    assert html.count('class="quote-row"') == SAMPLE_QUOTES
    assert html.count(f"{COPIES} copies</a>") == SAMPLE_QUOTES
    assert "&lt;i&gt;Titre&lt;/i&gt; &lt;script&gt;alert(3)" in html  # the translation link
    assert "<script>alert" not in html
    # the article page links to its story; an article alone in its story does not
    page = client.get("/articles/copy-rtbf").text
    assert f'href="/stories/{art["story_id"]}">story {art["story_id"]}: {COPIES} articles' in page
    assert 'class="story-link"' not in client.get("/articles/hostile").text


@pytest.mark.parametrize(
    "url,status",
    [
        ("/articles/none", 404),
        ("/actors/kb:nobody", 404),
        ("/search?since=x", 400),
        ("/stories/999999", 404),
        ("/stories/x", 400),
        ("/stories?min_size=0", 400),
        ("/stories?since=x", 400),
        ("/events?type=PARTY", 400),
        ("/events?flag=maybe", 400),
        ("/events?country=RU", 400),
        ("/countries?a=R&b=UKR", 400),
        ("/countries?a=XXX&b=UKR", 400),
        ("/countries/XXX/UKR", 404),
        ("/countries/RU/UKR", 400),
        ("/countries/RUS/UKR?since=x", 400),
    ],
)
def test_page_errors_are_html(client, url, status):
    r = client.get(url)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")


# -- untrusted text is escaped ----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/articles/hostile",
        "/search?q=refusons",
        "/search?since=2023-01-01",
        "/actors/name:jean-dupont",
        "/stories?min_size=1",
        "/events?since=2023-01-01",
        "/",
    ],
)
def test_untrusted_text_is_escaped(client, url):
    html = client.get(url).text
    assert "<script>alert" not in html and "<b>tout" not in html and "<img" not in html
    assert "<i>Titre" not in html
    assert 'href="javascript:' not in html  # the article's URL is not made a link
    if url != "/":
        assert "&lt;script&gt;alert(" in html


def test_hostile_article_page(client):
    html = client.get("/articles/hostile").text
    assert "Nous refusons &lt;script&gt;alert(1)&lt;/script&gt; et &lt;b&gt;tout&lt;/b&gt;" in html
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in html
    assert "&lt;i&gt;Titre&lt;/i&gt;" in html  # the title, in the heading
    assert _attrs(html, "data-quote") and "<script " not in html.replace(
        '<script src="/static/app.js" defer></script>', ""
    )


def test_search_escapes_its_own_parameters(client):
    html = client.get('/search?q="><script>alert(5)</script>&speaker=<b>x').text
    assert "<script>alert(5)" not in html and "<b>x" not in html
    assert "&#34;&gt;&lt;script&gt;alert(5)" in html


def test_safe_url():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "", None):
        assert safe_url(bad) is None


# -- the pieces -------------------------------------------------------------------------------


def test_highlight_handles_nested_and_crossing_spans():
    text = "AB « CDEF GH » dit X.\nIl ajoute IJ."
    q1 = {"start": 5, "end": 12, "text": text[5:12], "type": "direct"}
    q1["cue"] = {"start": 15, "end": 18, "text": "dit"}
    q1["speaker"] = {"name": "X", "mention": {"start": 19, "end": 20, "text": "X"}}
    q2 = {"start": 8, "end": 30, "text": text[8:30], "type": "mixed"}  # crosses q1 and a line
    q2["cue"] = {"start": 10, "end": 12, "text": "GH"}  # inside both quotations
    q2["speaker"] = {"name": "Y", "mention": {"start": 99, "end": 100, "text": "?"}}  # bad span
    q3 = {"start": 30, "end": 5, "type": "direct"}  # backwards: ignored
    art = {"text": text, "quotes": [q1, q2, q3], "dateline": None}
    rows = [{"n": 0, "speaker_actor": "name:x"}, {"n": 1, "speaker_actor": None}]
    marked = highlight(art, rows)
    assert "\n".join("".join(p.text for p in para) for para in marked.paragraphs) == text
    pieces = {p.text: p for para in marked.paragraphs for p in para}
    assert pieces["GH"].quotes == [0, 1] and pieces["GH"].quote == 1 and pieces["GH"].cue
    assert pieces["CDE"].quote == 0 and pieces["CDE"].colour == "sp-0"
    assert pieces["F "].colour == "sp-1"  # the innermost quotation: Y's
    assert pieces["Il ajout"].quote == 1 and pieces["e IJ."].quote is None
    assert pieces["X"].speaker and pieces["X"].speaker_colour == "mc-0"
    assert [s.key for s in marked.speakers] == ["name:x", "Y"]
    assert marked.quote_speaker[2] is None


def test_timeline_fills_gaps_and_groups_long_spans_by_year():
    chart = timeline([{"month": "2022-11", "quotes": 2}, {"month": "2023-02", "quotes": 4}])
    assert [(b.label, b.n) for b in chart.bars] == [
        ("2022-11", 2),
        ("2022-12", 0),
        ("2023-01", 0),
        ("2023-02", 4),
    ]
    assert chart.max_n == 4 and chart.bars[3].height == 2 * chart.bars[0].height
    long = timeline([{"month": "1990-01", "quotes": 1}, {"month": "2024-06", "quotes": 3}])
    assert long.bars[0].label == "1990" and len(long.bars) == 35 and long.unit == "year"
    assert timeline([]) is None and timeline([{"month": "<b>", "quotes": 1}]) is None


def test_stacked_events_cooperation_up_conflict_down():
    rows = [
        {"month": "2022-11", "type": "SUPPORT", "group": "cooperation", "events": 2},
        {"month": "2022-11", "type": "AGREE", "group": "cooperation", "events": 1},
        {"month": "2023-01", "type": "ASSAULT", "group": "conflict", "events": 3},
        {"month": "2023-01", "type": "ACCUSE", "group": "conflict", "events": 1},
        {"month": "<b>", "type": "AGREE", "group": "cooperation", "events": 9},
    ]
    chart = stacked_events(rows, ("AGREE", "SUPPORT", "ACCUSE", "ASSAULT"))
    assert chart.max_n == 4 and chart.unit == "month"
    assert [(s.label, s.type, s.n) for s in chart.segments] == [
        ("2022-11", "AGREE", 1),
        ("2022-11", "SUPPORT", 2),
        ("2023-01", "ACCUSE", 1),
        ("2023-01", "ASSAULT", 3),
    ]
    agree, support, accuse, assault = chart.segments
    assert agree.y + agree.height == chart.axis and support.y + support.height == agree.y
    assert accuse.y == chart.axis and assault.y == accuse.y + accuse.height
    assert assault.height == 3 * accuse.height and accuse.y + 4 * accuse.height <= chart.bottom
    assert assault.x - agree.x == pytest.approx(2 * agree.width / 0.8)  # 2022-12 is empty
    assert chart.legend[0] == ("AGREE", "cooperation", 1)
    assert stacked_events([]) is None


def test_republication_per_hour_or_day():
    hours = republication(
        ["2024-05-01T08:10:00+02:00", "2024-05-01T09:50:00Z", "2024-05-01T06:59:00", None, "x"]
    )
    assert hours.unit == "hour"  # times with a zone in UTC
    assert [(b.label, b.n) for b in hours.bars] == [
        ("2024-05-01 06:00", 2),
        ("2024-05-01 07:00", 0),
        ("2024-05-01 08:00", 0),
        ("2024-05-01 09:00", 1),
    ]
    assert [t for _, t in hours.ticks] == ["1 May 06h", "1 May 09h"]
    days = republication(["2024-05-03T10:00:00", "2024-05-01"])  # a date alone: per day
    assert days.unit == "day" and [b.n for b in days.bars] == [1, 0, 1]
    assert [t for _, t in days.ticks] == ["1 May", "2 May", "3 May"]
    assert republication(["2024-05-01T00:00:00", "2024-05-05T00:00:00"]).unit == "day"
    months = republication(["2020-01-15", "2024-01-02", "2024-01-30"])
    assert months.unit == "month" and len(months.bars) == 49 and months.bars[-1].n == 2
    assert republication([None, "", "soon"]) is None


# -- the command ------------------------------------------------------------------------------


def test_serve_command(cli_plain, tmp_path):
    from wirelens.cli_web import _is_loopback

    res = cli_plain("serve", "--db", tmp_path / "none.db")
    assert res.code == 1 and res.errors == [
        f"error: no store at {tmp_path / 'none.db'} (run `wirelens ingest` first)"
    ]
    assert cli_plain("serve", "--port", "70000").code == 2
    assert _is_loopback("127.0.0.1") and _is_loopback("::1") and _is_loopback("localhost")
    assert not _is_loopback("0.0.0.0") and not _is_loopback("example.org")
