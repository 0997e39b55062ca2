"""End-to-end ingest into a real store with the real (small) spaCy model: idempotence, errors,
resuming after a killed and an interrupted run, parallel workers, the query commands."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from wirelens.ingest import Record
from wirelens.settings import Settings
from wirelens.store import QuoteQuery, open_store
from wirelens.store.base import ErrorRow
from wirelens.store.ingest import _run_parallel, estimate_total, ingest

MODEL = "fr_core_news_md"  # the default; the small model finds 11 of the 13 quotations
AFP = "afp-putin-xi.fr.txt"
QUOTES = 12  # quotations found in one copy of the sample (its gold has 13, 2 of them optional)


def _corpus(examples: Path, path: Path, n: int, *, bad: bool = False) -> Path:
    """`n` distinct articles made from the founding sample (a numbered sentence added), and
    optionally three malformed lines among them."""
    text = (examples / AFP).read_text(encoding="utf-8")
    lines = [
        json.dumps(
            {
                "id": f"art-{i}",
                "text": f"{text}\nCeci est la dépêche numéro {i}.",
                "url": f"https://www.example{i % 3}.fr/{i}",
                "published": f"2024-05-{1 + i % 28:02d}",
            },
            ensure_ascii=False,
        )
        for i in range(n)
    ]
    if bad:
        lines[1:1] = ['{"id": "broken", "text": ', "[1, 2]", '{"id": "empty", "text": "   "}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute(sql).fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:
        return 0  # not created yet


def test_ingest_twice_adds_nothing_and_lists_errors(cli_plain, examples, tmp_path):
    src = _corpus(examples, tmp_path / "news.jsonl", 4, bad=True)
    db = tmp_path / "w.db"
    first = cli_plain("ingest", src, "--db", db, "--model", MODEL, "--workers", "1", "--quiet")
    assert first.code == 1  # some records failed
    assert "4 articles stored, 0 already stored, 3 failed" in first.err
    assert len(first.errors) == 3 and any("news.jsonl:2: malformed JSON" in e for e in first.errors)
    second = cli_plain("ingest", src, "--db", db, "--model", MODEL, "--workers", "1", "--quiet")
    assert "0 articles stored" in second.err
    stats = json.loads(cli_plain("stats", "--db", db, "--json").out)
    assert (stats["articles"], stats["errors"], stats["runs"]) == (4, 3, 2)
    assert stats["quotes"] == 4 * QUOTES
    errors = cli_plain("errors", "--db", db).out.splitlines()
    assert len(errors) == 3
    assert any(line.startswith(f"{src}:4:") and "empty text" in line for line in errors)


def test_query_commands(cli_plain, examples, tmp_path):
    src = _corpus(examples, tmp_path / "news.jsonl", 3)
    db = tmp_path / "w.db"
    assert (
        cli_plain("ingest", src, "--db", db, "--model", MODEL, "--workers", "1", "--quiet").code
        == 0
    )

    rows = [
        json.loads(x)
        for x in cli_plain(
            "quotes", "--db", db, "--speaker", "Xi", "--format", "jsonl"
        ).out.splitlines()
    ]
    assert rows and {r["speaker"] for r in rows} == {"Xi Jinping"}
    about = cli_plain(
        "quotes", "--db", db, "--about", "sanctions ingérence", "--format", "csv"
    ).out.splitlines()
    assert about[0].startswith("id,") and len(about) == 1 + 3  # one quotation per copy
    table = cli_plain("quotes", "--db", db, "--to", "Xi", "--limit", "2")
    assert table.code == 0 and "2 rows" in table.err and "Vladimir" in table.out
    actors = cli_plain("actors", "--db", db, "--top", "3").out
    assert "Vladimir" in actors and "Xi Jinping" in actors
    show = cli_plain("show", "art-1", "--db", db)
    assert show.code == 0 and "dépêche numéro 1" in show.out and f"{QUOTES} quotations" in show.out
    assert cli_plain("show", "nope", "--db", db).code == 1
    assert cli_plain("quotes", "--db", db, "--since", "yesterday").errors == [
        "error: not an ISO date (YYYY-MM-DD): 'yesterday'"
    ]
    out = tmp_path / "q.parquet"
    res = cli_plain("export", "quotes", "-o", out, "--db", db, "--speaker", "Xi")
    assert res.code == 0 and f"{len(rows)} quotes written" in res.err
    assert cli_plain("quotes", "--db", tmp_path / "none.db").code == 1  # no store: a clear error

    # the three copies (other URLs, one sentence added) are one story; its quotes count once
    stories = [
        json.loads(x)
        for x in cli_plain("stories", "--db", db, "--format", "jsonl").out.splitlines()
    ]
    assert [(s["size"], s["sources"]) for s in stories] == [(3, 3)]
    deduped = cli_plain("quotes", "--db", db, "--dedupe", "--format", "jsonl", "--limit", "100")
    rows = [json.loads(x) for x in deduped.out.splitlines()]
    assert len(rows) == QUOTES and {r["copies"] for r in rows} == {3}
    story = cli_plain("story", str(stories[0]["id"]), "--db", db)
    assert story.code == 0 and "3 articles" in story.out and f"{QUOTES} quotations" in story.out
    assert cli_plain("story", "999", "--db", db).code == 1


def test_estimate_total(examples, tmp_path):
    src = _corpus(examples, tmp_path / "news.jsonl", 5, bad=True)
    assert estimate_total([str(src), str(examples / AFP)]) == 5 + 3 + 1
    assert estimate_total(["-"]) is None


def _wait_for(db: Path, n: int, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while _count(db, "SELECT count(*) FROM articles") < n:
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.05)


def test_killed_and_interrupted_ingest_resume_exactly_once(examples, tmp_path):
    n = 30
    src = _corpus(examples, tmp_path / "news.jsonl", n)
    db = tmp_path / "w.db"
    cmd = [sys.executable, "-m", "wirelens", "ingest", str(src), "--db", str(db)]
    cmd += ["--model", MODEL, "--workers", "1", "--batch-size", "2", "--quiet"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    killed = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env)
    _wait_for(db, 2, killed)
    killed.send_signal(signal.SIGKILL)  # no chance to clean up
    killed.wait(30)
    after_kill = _count(db, "SELECT count(*) FROM articles")
    assert 2 <= after_kill < n

    stopped = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env)
    _wait_for(db, after_kill + 2, stopped)
    stopped.send_signal(signal.SIGINT)  # Ctrl-C
    _, err = stopped.communicate(timeout=60)
    assert stopped.returncode == 130, err
    assert "interrupted" in err and "run the same `wirelens ingest` again" in err
    after_stop = _count(db, "SELECT count(*) FROM articles")
    assert after_stop < n

    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{n - after_stop} articles stored, {after_stop} already stored" in done.stderr
    with open_store(db, readonly=True) as store:
        assert store.stats()["articles"] == n
        assert store.stats()["quotes"] == QUOTES * n
        ids = [a["id"] for a in store.iter_articles()]
        assert sorted(ids) == sorted(f"art-{i}" for i in range(n))  # each exactly once
        assert [r["status"] for r in store.runs()] == ["running", "interrupted", "done"]


def test_parallel_workers_give_the_same_store(examples, tmp_path):
    src = _corpus(examples, tmp_path / "news.jsonl", 6, bad=True)
    settings = Settings(model=MODEL)
    results = {}
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.db") as store:
            report = ingest(
                [str(src)], store, settings, workers=workers, chunk_size=2, progress=False
            )
            assert (report.added, report.failed, report.status) == (6, 3, "done")
            results[workers] = sorted(
                (q["article_hash"], q["start"], q["speaker_actor"], q["text"])
                for q in store.iter_quote_rows(QuoteQuery(limit=None))
            )
    assert results[1] == results[2] and len(results[1]) == 6 * QUOTES


# -- a worker that dies ---------------------------------------------------------------------


def die_on_poison(unit, settings=None):
    """Stands in for `process_unit`: a worker process dies on a record containing POISON."""
    if any("POISON" in (rec.text or "") for _, rec in unit):
        os._exit(3)
    return [ErrorRow(rec.source, "processed", h) for h, rec in unit]


def test_a_dying_worker_costs_only_its_record():
    units = [
        [
            (f"h{i}{j}", Record(source=f"r{i}{j}", text="POISON" if (i, j) == (1, 1) else "ok"))
            for j in range(3)
        ]
        for i in range(4)
    ]
    written: list = []
    _run_parallel(iter(units), Settings(nlp=False), 2, written.extend, work=die_on_poison)
    outcome = {row.record: row.reason for row in written}
    assert len(outcome) == 12
    assert outcome.pop("r11") == "worker process died while processing this record"
    assert set(outcome.values()) == {"processed"}


def test_progress_lines_when_not_a_terminal(capsys):
    from wirelens.store.ingest import IngestReport, Progress

    progress = Progress(total=200, every=0)  # stderr is captured: not a terminal
    report = IngestReport(run_id=1, added=40, skipped=8, failed=2)
    progress.update(report, 50)
    line = capsys.readouterr().err.strip()
    assert re.fullmatch(
        r"ingest: 50/200 records \(25%\), [\d.]+/s, ETA \d\d:\d\d:\d\d; "
        r"40 stored, 8 skipped, 2 failed",
        line,
    ), line
    Progress(total=None, every=0, enabled=False).update(report, 1)
    assert capsys.readouterr().err == ""
