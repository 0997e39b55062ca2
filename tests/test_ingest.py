"""Every input format through `wirelens extract` (and the readers underneath)."""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wirelens.errors import RecordError
from wirelens.ingest import Record
from wirelens.ingest.decode import decode_bytes
from wirelens.ingest.html import html_to_text
from wirelens.ingest.readers import read_paths, read_stream, sniff
from wirelens.settings import Settings

AFP = "afp-putin-xi.fr.txt"

PAGE_WITH_DATE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Sommet à Bruxelles</title>
<meta property="article:published_time" content="2023-01-04T18:00:00+01:00">
</head><body><nav><a href="/">Accueil</a></nav><article><h1>Sommet à Bruxelles</h1>
<p>Bruxelles (AFP) – Les dirigeants européens se sont retrouvés mercredi à Bruxelles pour un
sommet consacré à l’énergie, a annoncé la présidence du Conseil européen.</p>
<p>« Nous devons agir ensemble », a déclaré le président du Conseil à son arrivée, appelant
les Vingt-Sept à s’entendre rapidement sur un plafonnement des prix du gaz.</p>
</article></body></html>"""

PAGE_WITHOUT_DATE = """<html><head><meta charset="iso-8859-1"><title>Grève à la SNCF</title></head>
<body><article><h1>Grève à la SNCF</h1>
<p>Paris (AFP) – Les syndicats de cheminots ont appelé jeudi à une nouvelle journée de grève,
a-t-on appris auprès de la direction, qui prévoit un trafic très perturbé.</p>
<p>« Nous ne lâcherons rien », a déclaré le secrétaire général d’un syndicat, cité par l’AFP,
en marge d’un rassemblement devant le siège de l’entreprise.</p>
</article></body></html>"""


# -- plain text -----------------------------------------------------------------------------


def test_txt_gives_one_json_article(cli, examples):
    res = cli("extract", examples / AFP, "--no-nlp")
    assert res.code == 0
    assert res.out.startswith("{\n")  # one article from one input: pretty JSON, not JSONL
    (art,) = res.articles
    assert art["id"] == "afp-putin-xi.fr"
    assert art["source"].endswith(AFP)
    assert art["text"].startswith("Moscou (AFP) – Le dirigeant russe Vladimir Poutine")
    assert "« Nous visons à renforcer" in art["text"]  # quotes and apostrophes kept
    assert "qu’il souhaitait" in art["text"]
    assert res.err_lines == ["1 article, 0 failed"]


def test_output_file_and_forced_formats(cli, examples, tmp_path):
    out = tmp_path / "out.jsonl"
    res = cli("extract", examples / AFP, "--no-nlp", "--format", "jsonl", "-o", out)
    assert res.code == 0 and res.out == ""
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["id"] == "afp-putin-xi.fr"
    assert "«" in lines[0]  # ensure_ascii=False

    res = cli("extract", examples / AFP, examples / AFP, "--no-nlp", "--format", "json")
    assert res.code == 0
    assert isinstance(json.loads(res.out), list) and len(res.articles) == 2


def test_several_inputs_give_jsonl(cli, examples, data_dir):
    res = cli("extract", examples / AFP, data_dir / "article.fr.html", "--no-nlp")
    assert res.code == 0
    assert len(res.out.splitlines()) == 2
    assert [a["id"] for a in res.articles] == ["afp-putin-xi.fr", "article.fr"]
    assert res.err_lines == ["2 articles, 0 failed"]


# -- HTML -----------------------------------------------------------------------------------


def test_html_page(cli, data_dir):
    res = cli("extract", data_dir / "article.fr.html", "--no-nlp")
    assert res.code == 0
    (art,) = res.articles
    assert art["id"] == "article.fr"
    assert art["title"] == "Poutine veut renforcer la coopération militaire avec la Chine"
    assert art["published"] == "2022-12-30"
    assert art["authors"] == ["Marie Dupont"]
    text = art["text"]
    assert text.startswith("Moscou (AFP) – Le dirigeant russe")  # headline not repeated
    for boilerplate in ("Accueil", "Les plus lus", "Tous droits réservés", "cookies"):
        assert boilerplate not in text
    assert "\n« Nous visons" in text  # paragraphs on their own lines
    assert "« cher ami »" in text and "“des pressions" in text and "s'est dit" in text


def test_html_declared_latin1(cli, data_dir):
    res = cli("extract", data_dir / "latin1.fr.html", "--no-nlp")
    assert res.code == 0
    (art,) = res.articles
    assert art["title"] == "Le gouvernement présente son budget"
    assert "l'Économie a présenté mercredi" in art["text"]
    assert "« Nous tenons nos engagements »" in art["text"]
    assert "Accueil" not in art["text"]


def test_html_to_text_fragment_and_no_network():
    page = html_to_text(
        "<p>Le président a déclaré jeudi que la réforme serait menée à son terme, malgré la "
        "contestation qui gagne plusieurs grandes villes du pays depuis des semaines.</p>"
    )
    assert page.text.startswith("Le président a déclaré jeudi")
    # A "page" that is only a URL is text, never downloaded (no_network would fail the test).
    assert (
        html_to_text("https://example.com/article.html").text == "https://example.com/article.html"
    )
    assert html_to_text("").text == ""


# -- JSONL ----------------------------------------------------------------------------------

JSONL_ROWS = [
    {
        "id": "a1",
        "text": "Paris (AFP) – Le gouvernement a annoncé mardi de nouvelles mesures.",
        "url": "https://example.fr/a1",
        "title": "Mesures",
        "published": "2023-02-07",
        "lang": "fr",
        "section": "politique",
    },
    {"id": 2, "html": PAGE_WITH_DATE},
    {"text": "Londres (AFP) – Le Premier ministre britannique a démissionné jeudi."},
]


def _jsonl_bytes(rows) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()


def _check_jsonl_articles(arts, name):
    assert [a["id"] for a in arts] == ["a1", "2", f"{name}:4"]  # line 3 blank; id from locator
    a1, a2, a3 = arts
    assert a1["url"] == "https://example.fr/a1"
    assert a1["title"] == "Mesures" and a1["published"] == "2023-02-07"
    assert a1["language"]["code"] == "fr"
    assert a1["source"] == f"{name}:1"
    assert a2["title"] == "Sommet à Bruxelles" and a2["published"] == "2023-01-04"
    assert a2["text"].startswith("Bruxelles (AFP) – Les dirigeants européens")
    assert a3["text"].startswith("Londres (AFP)")


@pytest.mark.parametrize("gz", [False, True], ids=["jsonl", "jsonl.gz"])
def test_jsonl(cli, tmp_path, gz):
    data = _jsonl_bytes(JSONL_ROWS[:2]) + b"\n" + _jsonl_bytes(JSONL_ROWS[2:])
    path = tmp_path / ("news.jsonl.gz" if gz else "news.jsonl")
    path.write_bytes(gzip.compress(data) if gz else data)
    res = cli("extract", path, "--no-nlp")
    assert res.code == 0, res.err
    assert len(res.out.splitlines()) == 3
    _check_jsonl_articles(res.articles, str(path))
    assert res.err_lines == ["3 articles, 0 failed"]


def test_single_jsonl_record_is_still_jsonl(cli, tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_bytes(_jsonl_bytes(JSONL_ROWS[:1]))
    res = cli("extract", path, "--no-nlp")
    assert res.code == 0
    assert res.out.count("\n") == 1 and res.out.startswith('{"')


def test_jsonl_is_streamed(tmp_path):
    """Records come out one by one: the reader never holds the whole file."""
    path = tmp_path / "big.jsonl"
    path.write_bytes(_jsonl_bytes({"id": str(i), "text": f"Texte {i}."} for i in range(1000)))
    it = read_paths([str(path)], max_chars=1000)
    first = next(it)
    assert isinstance(first, Record) and first.id == "0" and first.source.endswith("big.jsonl:1")
    assert sum(1 for _ in it) == 999


# -- WARC -----------------------------------------------------------------------------------


def build_warc(path: Path, gz: bool = True) -> dict[str, str]:
    """A small crawl: warcinfo, a request, two HTML responses, a PNG, a redirect, JSON.
    Returns {url: WARC-Record-ID} for the two HTML responses."""
    ids = {}
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))

        def response(uri, status, content_type, body, date):
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(rec)
            return rec.rec_headers.get_header("WARC-Record-ID")

        request = StatusAndHeaders(
            "GET /sommet HTTP/1.1", [("Host", "example.fr")], is_http_request=True
        )
        writer.write_record(
            writer.create_warc_record("https://example.fr/sommet", "request", http_headers=request)
        )
        ids["https://example.fr/sommet"] = response(
            "https://example.fr/sommet",
            "200 OK",
            "text/html; charset=utf-8",
            PAGE_WITH_DATE.encode("utf-8"),
            "2023-01-05T08:00:00Z",
        )
        response(
            "https://example.fr/logo.png",
            "200 OK",
            "image/png",
            b"\x89PNG\r\n\x1a\n",
            "2023-01-05T08:00:01Z",
        )
        response(
            "https://example.fr/old",
            "301 Moved Permanently",
            "text/html",
            b"<html>moved</html>",
            "2023-01-05T08:00:02Z",
        )
        response(
            "https://example.fr/api",
            "200 OK",
            "application/json",
            b'{"a": 1}',
            "2023-01-05T08:00:03Z",
        )
        ids["https://example.fr/greve"] = response(
            "https://example.fr/greve",
            "200 OK",
            # the HTTP header declares the charset; browsers read ISO-8859-1 as windows-1252
            "text/html; charset=ISO-8859-1",
            PAGE_WITHOUT_DATE.encode("cp1252"),
            "2023-01-06T09:30:00Z",
        )
    return ids


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc(cli, tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    ids = build_warc(path, gz)
    res = cli("extract", path, "--no-nlp")
    assert res.code == 0, res.err
    assert res.err_lines == ["2 articles, 0 failed"]
    sommet, greve = res.articles
    assert sommet["id"] == ids["https://example.fr/sommet"]
    assert sommet["id"].startswith("<urn:uuid:")
    assert sommet["source"] == f"{path}#{sommet['id']}"
    assert sommet["url"] == "https://example.fr/sommet"
    assert sommet["published"] == "2023-01-04"  # the page's own date wins over WARC-Date
    assert greve["url"] == "https://example.fr/greve"
    assert greve["title"] == "Grève à la SNCF"
    assert "« Nous ne lâcherons rien »" in greve["text"] and "d’un syndicat" in greve["text"]


def test_warc_records_carry_fetch_date(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    build_warc(path)
    recs = list(read_paths([str(path)]))
    assert [r.url for r in recs] == ["https://example.fr/sommet", "https://example.fr/greve"]
    assert [r.extra["fetched"] for r in recs] == ["2023-01-05T08:00:00Z", "2023-01-06T09:30:00Z"]


def test_warc_date_when_page_has_none(cli, tmp_path):
    path = tmp_path / "crawl.warc.gz"
    build_warc(path)
    res = cli("extract", path, "--no-nlp")
    assert res.articles[1]["published"] == "2023-01-06T09:30:00Z"


# -- folders --------------------------------------------------------------------------------


def test_folder_walk_sorted_and_skips_unsupported(cli, tmp_path, examples, data_dir):
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "z").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "afp.txt").write_bytes((examples / AFP).read_bytes())
    (tmp_path / "a" / "page.HTML").write_bytes((data_dir / "article.fr.html").read_bytes())
    (tmp_path / "a" / "z" / "news.jsonl").write_bytes(_jsonl_bytes(JSONL_ROWS[:1]))
    (tmp_path / "a" / "notes.md").write_text("# not an article")
    (tmp_path / "a" / "gold.json").write_text("{}")
    (tmp_path / ".git" / "x.txt").write_text("hidden")
    (tmp_path / ".hidden.txt").write_text("hidden")
    res = cli("extract", tmp_path, "--no-nlp")
    assert res.code == 0, res.err
    assert res.out.count("\n") == 3  # a folder gives JSONL
    assert [a["id"] for a in res.articles] == ["page", "a1", "afp"]
    again = cli("extract", tmp_path, "--no-nlp")
    assert again.out == res.out  # deterministic


def test_folder_with_one_file_gives_jsonl(cli, tmp_path, examples):
    (tmp_path / "afp.txt").write_bytes((examples / AFP).read_bytes())
    res = cli("extract", tmp_path, "--no-nlp")
    assert res.code == 0 and res.out.count("\n") == 1 and res.out.startswith('{"')


# -- stdin ----------------------------------------------------------------------------------


def test_stdin_text(cli, examples):
    res = cli("extract", "-", "--no-nlp", stdin=(examples / AFP).read_bytes())
    assert res.code == 0
    (art,) = res.articles
    assert art["source"] == "<stdin>" and art["id"] is None
    assert art["text"].startswith("Moscou (AFP)")
    assert res.out.startswith("{\n")


def test_stdin_html(cli, data_dir):
    res = cli("extract", "-", "--no-nlp", stdin=(data_dir / "article.fr.html").read_bytes())
    assert res.code == 0
    (art,) = res.articles
    assert art["title"] == "Poutine veut renforcer la coopération militaire avec la Chine"


def test_stdin_jsonl_and_gzip(cli):
    data = _jsonl_bytes(JSONL_ROWS[:2]) + b"\n" + _jsonl_bytes(JSONL_ROWS[2:])
    for payload in (data, gzip.compress(data)):
        res = cli("extract", "-", "--no-nlp", stdin=payload)
        assert res.code == 0, res.err
        _check_jsonl_articles(res.articles, "<stdin>")


def test_stdin_warc(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    build_warc(path)
    with open(path, "rb") as fh:
        recs = list(read_stream(fh))
    assert [r.url for r in recs] == ["https://example.fr/sommet", "https://example.fr/greve"]


def test_sniff():
    assert sniff(b'{"id": 1}\n\n  {"id": 2}\n', complete=True) == "jsonl"
    assert sniff(b'{"id": 1}\n{"id": 2, "te', complete=False) == "jsonl"
    assert sniff(b"<!DOCTYPE html><html>", complete=True) == "html"
    assert sniff(b"WARC/1.1\r\n", complete=False) == "warc"
    assert sniff(b"{not json}\nPlain text.\n", complete=True) == "text"
    assert sniff("Le président a déclaré.".encode(), complete=True) == "text"


# -- decoding -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "declared", "html", "expected"),
    [
        ("déclaré".encode(), None, False, "déclaré"),
        ("\ufeffdéclaré".encode(), None, False, "déclaré"),  # BOM stripped
        ("déclaré".encode("utf-16"), None, False, "déclaré"),  # UTF-16 with BOM
        (
            "Le président a déclaré à l’AFP".encode("cp1252"),
            None,
            False,
            "Le président a déclaré à l’AFP",
        ),
        ("Привет, мир".encode("koi8-r"), "koi8-r", False, "Привет, мир"),  # declared charset
        ('<meta charset="koi8-r">Мир'.encode("koi8-r"), None, True, '<meta charset="koi8-r">Мир'),
        ("déclaré".encode(), "iso-8859-1", False, "déclaré"),  # a Latin-1 label on UTF-8 bytes
        ("déclaré".encode("latin-1"), "iso-8859-1", False, "déclaré"),
        ("déclaré".encode("utf-16-le"), "utf-16le", False, "déclaré"),
    ],
)
def test_decode_bytes(data, declared, html, expected):
    assert decode_bytes(data, "x", declared, html=html) == expected


# -- API, entry points ----------------------------------------------------------------------


def test_python_api():
    import wirelens

    settings = Settings(nlp=False)
    art = wirelens.extract("Paris (AFP) – Le ministre a parlé.", settings, id="x1", lang="fr")
    assert art.id == "x1" and art.text.startswith("Paris (AFP)")
    arts = list(wirelens.extract_many([{"id": "h", "html": PAGE_WITH_DATE}, "Un texte."], settings))
    assert [a.id for a in arts] == ["h", None]
    assert arts[0].published == "2023-01-04"
    with pytest.raises(RecordError):
        wirelens.extract("   ", settings)


def test_help_and_version(cli):
    for args in (["--help"], ["extract", "--help"], ["--version"], ["extract", "--version"]):
        res = cli(*args)
        assert res.code == 0, args
    assert "wirelens " in cli("--version").out
    assert "--max-size" in cli("extract", "--help").out


def test_python_dash_m(examples):
    proc = subprocess.run(
        [sys.executable, "-m", "wirelens", "extract", str(examples / AFP), "--no-nlp"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "afp-putin-xi.fr"


# -- full pipeline --------------------------------------------------------------------------


@pytest.mark.skipif(
    importlib.util.find_spec("wirelens.nlp") is None, reason="wirelens.nlp not written yet"
)
def test_end_to_end_with_nlp(cli, examples):
    res = cli("extract", examples / AFP, "--model", "fr_core_news_sm")
    assert res.code == 0, res.err
    (art,) = res.articles
    assert art["producer"]["model"]
    assert art["quotes"], "the AFP example has quotations"
    for q in art["quotes"]:
        assert art["text"][q["start"] : q["end"]] == q["text"]
