"""`wirelens run`: partitioning, the local, Dask and Spark engines, errors, resume, loading.

Every engine must give exactly what the single-machine pipeline gives on the same input (same
records in the same order, same articles, quotes and errors), with the same model (the small
French one, for speed).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import socket
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from test_ingest import build_warc
from wirelens.errors import RecordError
from wirelens.ingest import Record
from wirelens.ingest.readers import read_paths
from wirelens.pipeline import process_records
from wirelens.scale import PlanMismatch, run
from wirelens.scale import job as job_module
from wirelens.scale.datasets import DATASETS, read_dataset
from wirelens.scale.plan import plan, read_part, scan_file
from wirelens.settings import SMALL_MODEL, Settings

ROOT = Path(__file__).resolve().parent.parent
NEWS = sorted((ROOT / "tests" / "data" / "news").glob("*.txt"))
EXAMPLE = ROOT / "examples" / "afp-putin-xi.fr.txt"
SETTINGS = Settings(model=SMALL_MODEL)

POISON = [
    b"{not json at all\n",  # malformed JSON, found by the reader on the worker
    b'{"id": "bin", "text": "\\u0000\\u0001\\u0002"}\n',  # control characters only
    b'{"id": "blank", "text": "   "}\n',  # empty text: fails inside the pipeline
    b'{"id": "nohtml", "html": "<html><body><script>x()</script></body></html>"}\n',
    b"[1, 2]\n",
    b'{"id": "notext", "title": "no text"}\n',
]


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """As in conftest, but loopback is allowed: the Dask client, scheduler and workers and the
    Spark driver talk over 127.0.0.1. Anything else still fails the test."""
    real_gai, real_cc = socket.getaddrinfo, socket.create_connection
    local = {None, "", "localhost", "0.0.0.0", "::1", socket.gethostname(), socket.getfqdn()}

    def check(host) -> None:
        if host not in local and not str(host).startswith("127."):
            raise AssertionError(f"network access attempted: {host!r}")

    def gai(host, *args, **kwargs):
        check(host)
        return real_gai(host, *args, **kwargs)

    def cc(address, *args, **kwargs):
        check(address[0])
        return real_cc(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", gai)
    monkeypatch.setattr(socket, "create_connection", cc)


def _lines(texts: list[tuple[str, str]]) -> list[bytes]:
    return [
        (json.dumps({"id": rid, "text": t, "url": f"https://example.org/{rid}"}) + "\n").encode()
        for rid, t in texts
    ]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """A JSONL with articles and poisoned lines (blank lines too), a JSONL.gz, a folder of
    .txt files, a WARC.gz and a missing file: every kind of slice."""
    d = tmp_path_factory.mktemp("corpus")
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in [EXAMPLE, *NEWS]]
    lines = _lines(texts[:3])
    lines[1:1] = POISON[:3] + [b"\n"]
    lines += POISON[3:] + _lines(texts[3:4])
    (d / "a.jsonl").write_bytes(b"".join(lines))
    with gzip.open(d / "b.jsonl.gz", "wb") as fh:
        fh.write(b"".join(_lines([(f"gz-{r}", t) for r, t in texts[4:]])))
    (d / "txt").mkdir()
    for p in NEWS[:2]:
        shutil.copy(p, d / "txt" / p.name)
    build_warc(d / "crawl.warc.gz")
    return [
        str(d / "a.jsonl"),
        str(d / "b.jsonl.gz"),
        str(d / "txt"),
        str(d / "crawl.warc.gz"),
        str(d / "missing.jsonl"),
    ]


def _key(item: Record | RecordError) -> tuple:
    if isinstance(item, RecordError):
        return ("error", item.record, item.reason)
    return ("record", item.source, item.id, item.text, item.html, item.url, item.extra)


@pytest.fixture(scope="module")
def expected(corpus) -> list[tuple]:
    """The single-machine pipeline: ("article", JSON) or ("error", record, reason), in order."""
    out = []
    for res in process_records(read_paths(corpus), SETTINGS):
        if isinstance(res, RecordError):
            out.append(("error", res.record, res.reason))
        else:
            out.append(("article", res.to_json()))
    return out


def _results(out: Path) -> list[tuple]:
    """The output of a run, in input order, in the form of `expected`."""
    arts = read_dataset(out, "articles").to_pylist()
    errs = read_dataset(out, "errors").to_pylist()
    items = [((a["part"], a["seq"]), ("article", a["article_json"])) for a in arts]
    items += [((e["part"], e["seq"]), ("error", e["record"], e["reason"])) for e in errs]
    return [x for _, x in sorted(items, key=lambda t: t[0])]


def _first_difference(got: list[tuple], expected: list[tuple]) -> str:
    """Where two result lists differ, in a few words (the article JSON is long)."""
    if len(got) != len(expected):
        return f"{len(got)} results, {len(expected)} expected"
    for i, (g, e) in enumerate(zip(got, expected, strict=True)):
        if g == e:
            continue
        if g[0] == e[0] == "article":
            a, b = json.loads(g[1]), json.loads(e[1])
            keys = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
            return f"result {i} ({b.get('id')}): {', '.join(keys)} differ: " + "; ".join(
                f"{k}: {str(a.get(k))[:300]} != {str(b.get(k))[:300]}" for k in keys[:2]
            )
        return f"result {i}: {g[:3]} != {e[:3]}"
    return ""


def _check_output(out: Path, expected: list[tuple]) -> None:
    got = _results(out)
    assert got == expected, _first_difference(got, expected)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "complete"
    assert manifest["counts"]["articles"] == sum(e[0] == "article" for e in expected)
    assert manifest["counts"]["errors"] == sum(e[0] == "error" for e in expected)
    assert manifest["versions"]["model"].startswith("fr_core_news_sm-")
    quotes = read_dataset(out, "quotes")
    n_quotes = sum(len(json.loads(e[1])["quotes"]) for e in expected if e[0] == "article")
    assert quotes.num_rows == manifest["counts"]["quotes"] == n_quotes > 0
    assert read_dataset(out, "entities").num_rows > 0
    events = read_dataset(out, "events")  # the layout is ready for the event coder
    assert events.num_rows == manifest["counts"]["events"]
    for d in DATASETS:
        assert len(list((out / d).glob("part-*.parquet"))) == manifest["partitions"]["total"]


# -- partitioning (no NLP) ------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 2, 3, 100])
def test_partitions_give_exactly_the_records_of_read_paths(corpus, size):
    parts = plan(corpus, partition_size=size)
    got = [_key(r) for p in parts for r in read_part(p)]
    assert got == [_key(r) for r in read_paths(corpus)]
    assert [p.index for p in parts] == list(range(len(parts)))
    if size == 1:  # large files are cut into ranges
        assert any(s.kind == "jsonl" for p in parts for s in p.slices)
        assert any(s.kind == "warc" for p in parts for s in p.slices)


def test_partitions_by_count_and_big_files(tmp_path):
    lines = [json.dumps({"text": f"Article {i}."}) for i in range(10_000)]
    (tmp_path / "big.jsonl").write_text("\n".join(lines), encoding="utf-8")  # no final newline
    ix = scan_file(str(tmp_path / "big.jsonl"))
    assert ix.kind == "jsonl" and ix.total == 10_000 and len(ix.marks) <= 4097 and ix.step == 4
    parts = plan([str(tmp_path / "big.jsonl")], partitions=7)
    assert 6 <= len(parts) <= 8
    got = [r.source for p in parts for r in read_part(p)]
    assert got == [r.source for r in read_paths([str(tmp_path / "big.jsonl")])]
    # a glob pattern and a pattern matching nothing (its error, like a missing file)
    parts = plan([str(tmp_path / "*.jsonl"), str(tmp_path / "none-*.jsonl")], partition_size=5000)
    recs = [r for p in parts for r in read_part(p)]
    assert len(recs) == 10_001 and isinstance(recs[-1], RecordError)


# -- engines --------------------------------------------------------------------------------


def test_local_engine_matches_the_pipeline(corpus, expected, tmp_path):
    out = tmp_path / "out"
    report = run(corpus, out, SETTINGS, engine="local", workers=1, partition_size=2, progress=False)
    assert report.status == "complete" and report.partitions > 3 and not report.failed
    _check_output(out, expected)
    reasons = {e[1].rsplit("/", 1)[-1]: e[2] for e in expected if e[0] == "error"}
    assert reasons["a.jsonl:2"].startswith("malformed JSON")
    assert reasons["a.jsonl:4"] == "empty text"  # raised inside the pipeline, on the worker
    assert reasons["a.jsonl:9"] == "a JSON line must be an object, not list"
    assert reasons["missing.jsonl"] == "no such file or directory"
    errors = pq.read_table(out / "errors").to_pylist()
    assert {e["record"] for e in errors} >= {e[1] for e in expected if e[0] == "error"}
    # a rerun over a complete output does nothing
    again = run(corpus, out, SETTINGS, engine="local", workers=1, partition_size=2, progress=False)
    assert again.processed == 0 and again.skipped == report.partitions
    _check_output(out, expected)
    # other settings over the same output are refused
    with pytest.raises(PlanMismatch):
        run(corpus, out, Settings(model=SMALL_MODEL, nlp=False), partition_size=2, progress=False)


def test_local_process_pool_matches_the_pipeline(corpus, tmp_path):
    """Two worker processes (the default on a multi-core machine); no spaCy, for speed."""
    settings = Settings(nlp=False)
    expected = []
    for res in process_records(read_paths(corpus), settings):
        if isinstance(res, RecordError):
            expected.append(("error", res.record, res.reason))
        else:
            expected.append(("article", res.to_json()))
    report = run(corpus, tmp_path / "out", settings, workers=2, partition_size=2, progress=False)
    assert report.status == "complete" and report.engine["workers"] == 2
    assert _results(tmp_path / "out") == expected
    workers = {json.loads(p.read_text())["worker"] for p in (tmp_path / "out" / "_done").iterdir()}
    assert 1 <= len(workers) <= 2 and not any(w.endswith(f":{os.getpid()}") for w in workers)


def test_dask_local_cluster_matches_the_pipeline(corpus, expected, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setenv("WIRELENS_DASK_DASHBOARD", ":0")
    lines: list[str] = []
    report = run(
        corpus,
        tmp_path / "out",
        SETTINGS,
        engine="dask",
        workers=2,
        partitions=4,
        echo=lines.append,
    )
    assert report.status == "complete" and report.engine["workers"] == 2
    assert any(line.startswith("dask: dashboard http") for line in lines)
    assert any(line.startswith("run: ") for line in lines)  # progress on the client
    _check_output(tmp_path / "out", expected)
    # the model was loaded once per worker process, not per partition
    summaries = [json.loads(p.read_text()) for p in (tmp_path / "out" / "_done").glob("*.json")]
    assert len({s["worker"] for s in summaries}) <= 2
    assert all(s["load_s"] < 0.05 for s in summaries)


def test_spark_local_matches_the_pipeline(corpus, expected, tmp_path):
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java 17 (java not on PATH)")
    report = run(
        corpus,
        tmp_path / "out",
        SETTINGS,
        engine="spark",
        workers=2,
        partitions=4,
        echo=lambda line: None,
    )
    assert report.status == "complete" and report.engine["master"].startswith("local[2")
    _check_output(tmp_path / "out", expected)
    summaries = [json.loads(p.read_text()) for p in (tmp_path / "out" / "_done").glob("*.json")]
    assert all(s["load_s"] < 0.05 for s in summaries)  # python workers reused, model cached


# -- failures, resume -----------------------------------------------------------------------


def test_interrupted_run_resumes(corpus, expected, tmp_path, monkeypatch):
    out = tmp_path / "out"
    real = job_module.process_partition
    calls: list[int] = []

    def interrupted(part, out, settings):
        calls.append(part.index)
        if part.index == 2:
            raise KeyboardInterrupt
        return real(part, out, settings)

    monkeypatch.setattr("wirelens.scale.engines.process_partition", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run(corpus, out, SETTINGS, workers=1, partition_size=2, progress=False)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "interrupted" and manifest["partitions"]["complete"] == 2
    (out / "articles" / ".part-00002.parquet.deadbeef").write_bytes(b"half written")

    monkeypatch.setattr("wirelens.scale.engines.process_partition", real)
    report = run(corpus, out, SETTINGS, workers=1, partition_size=2, progress=False)
    assert report.skipped == 2 and report.processed == report.partitions - 2
    assert not list((out / "articles").glob(".part-*"))
    _check_output(out, expected)
    assert len(json.loads((out / "manifest.json").read_text())["runs"]) == 2


def test_a_failing_partition_is_retried(corpus, expected, tmp_path, monkeypatch):
    real = job_module.process_partition
    failures = {1: 2, 3: 5}  # partition → times it fails

    def flaky(part, out, settings):
        if failures.get(part.index, 0) > 0:
            failures[part.index] -= 1
            raise OSError("shared storage hiccup")
        return real(part, out, settings)

    monkeypatch.setattr("wirelens.scale.engines.process_partition", flaky)
    out = tmp_path / "out"
    report = run(corpus, out, SETTINGS, workers=1, partition_size=2, retries=2, progress=False)
    assert report.status == "incomplete"
    assert [f["part"] for f in report.failed] == [3] and "hiccup" in report.failed[0]["error"]
    monkeypatch.setattr("wirelens.scale.engines.process_partition", real)
    report = run(corpus, out, SETTINGS, workers=1, partition_size=2, progress=False)
    assert report.status == "complete" and report.processed == 1
    _check_output(out, expected)


# -- command line and the store -------------------------------------------------------------


def test_cli_run_then_ingest_from_parquet(cli, cli_plain, corpus, tmp_path):
    out = tmp_path / "out"
    res = cli(
        "run",
        *corpus,
        "-o",
        str(out),
        "--workers",
        "1",
        "--partition-size",
        "3",
        "--model",
        SMALL_MODEL,
    )
    assert res.code == 1, res.err  # some records failed (the poisoned ones)
    assert "local: 1 worker process" in res.err and "→" in res.err
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))

    db = tmp_path / "from-parquet.db"
    res = cli("ingest", "--from-parquet", str(out), "--db", str(db), "--quiet")
    assert res.code == 1, res.err
    direct = tmp_path / "direct.db"
    res2 = cli(
        "ingest", *corpus, "--db", str(direct), "--workers", "1", "--quiet", "--model", SMALL_MODEL
    )
    assert res2.code == 1, res2.err
    a = json.loads(cli_plain("stats", "--db", str(db), "--json").out)
    b = json.loads(cli_plain("stats", "--db", str(direct), "--json").out)
    assert a["articles"] > 0 and a["quotes"] > 0
    for key in sorted(set(a) | set(b)):
        if key not in ("store", "runs"):
            assert a.get(key) == b.get(key), key
    assert a["articles"] == manifest["counts"]["articles"]
    # again: nothing added; and the same output cannot be loaded over other inputs' store
    res = cli("ingest", "--from-parquet", str(out), "--db", str(db), "--quiet")
    assert "0 articles stored" in res.err
    assert cli("ingest", "--db", str(db)).code == 2
    assert cli("ingest", "--from-parquet", str(tmp_path), "--db", str(db)).code == 2
    assert cli("run", "-", "-o", str(tmp_path / "x")).code == 2
    assert cli("run", *corpus, "-o", str(tmp_path / "y"), "--scheduler", "tcp://h:8786").code == 2
