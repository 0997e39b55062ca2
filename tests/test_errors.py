"""Bad inputs: one-line errors naming the record, the batch goes on, exit codes 0/1/2."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from wirelens.errors import RecordError
from wirelens.ingest.decode import decode_bytes

GOOD = "Paris (AFP) – Le gouvernement a annoncé mardi de nouvelles mesures pour l’emploi."
SUMMARY = re.compile(r"^(\d+) articles?, (\d+) failed$")


def assert_one_line_errors(res, *expected: tuple[str, str]) -> None:
    """Each (locator, reason fragment) appears as its own `error: LOCATOR: …` line, in order;
    stderr holds nothing else but the summary line."""
    errors = res.errors
    assert len(errors) == len(expected), res.err
    for line, (locator, reason) in zip(errors, expected, strict=True):
        assert line.startswith(f"error: {locator}: "), line
        assert reason in line, line
    others = [ln for ln in res.err_lines if not ln.startswith("error: ")]
    assert len(others) == 1 and SUMMARY.match(others[0]), res.err


def summary(res) -> tuple[int, int]:
    m = SUMMARY.match(res.err_lines[-1])
    assert m, res.err
    return int(m.group(1)), int(m.group(2))


# -- one bad file ---------------------------------------------------------------------------


def test_empty_file(cli, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    res = cli("extract", path, "--no-nlp")
    assert res.code == 1 and res.out == ""
    assert_one_line_errors(res, (str(path), "empty input"))
    assert summary(res) == (0, 1)


def test_blank_file(cli, tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\n\t \n")
    res = cli("extract", path, "--no-nlp")
    assert res.code == 1
    assert_one_line_errors(res, (str(path), "empty"))


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "binary data (PDF document)"),
        ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data (PNG image)"),
        ("archive.txt", b"PK\x03\x04\x14\x00\x00\x00", "binary data (ZIP archive"),
        ("packed.txt", gzip.compress(b"hello"), "binary data (gzip data"),
        ("nul.txt", b"Le texte\x00\x00\x00 continue", "binary data (NUL"),
        ("ctrl.txt", b"ab\x01\x02\x03\x04\x05\x06cd\x07\x08", "binary data (8 control characters)"),
    ],
)
def test_binary_file(cli, tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    res = cli("extract", path, "--no-nlp")
    assert res.code == 1
    assert_one_line_errors(res, (str(path), reason))


def test_undecodable_bytes(cli, tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 20)  # no encoding makes sense of this
    res = cli("extract", path, "--no-nlp")
    assert res.code == 1
    assert_one_line_errors(res, (str(path), "undecodable bytes"))


def test_undecodable_after_detection_fails(monkeypatch):
    """The last resort path: strict UTF-8 fails and detection finds nothing."""
    import wirelens.ingest.decode as decode

    monkeypatch.setattr(decode, "_detect", lambda data: None)
    with pytest.raises(RecordError) as exc:
        decode_bytes("déclaré".encode("cp1252"), "x.html", declared="utf-8")
    assert exc.value.one_line() == (
        "error: x.html: undecodable bytes: not UTF-8 (declared utf-8) and no charset fits"
    )


def test_nonexistent_path(cli, tmp_path):
    missing = tmp_path / "nope.txt"
    res = cli("extract", missing, "--no-nlp")
    assert res.code == 1
    assert_one_line_errors(res, (str(missing), "no such file or directory"))


def test_unsupported_type_explicit_path(cli, tmp_path):
    path = tmp_path / "article.docx"
    path.write_bytes(b"whatever")
    res = cli("extract", path, "--no-nlp")
    assert res.code == 1
    assert_one_line_errors(res, (str(path), "unsupported file type"))


def test_empty_folder(cli, tmp_path):
    (tmp_path / "readme.md").write_text("nothing to read")
    res = cli("extract", tmp_path, "--no-nlp")
    assert res.code == 1
    assert_one_line_errors(res, (str(tmp_path), "no supported files"))


def test_html_without_article_text(cli, tmp_path):
    path = tmp_path / "nav.html"
    path.write_text("<html><head><title>Menu</title></head><body><nav></nav></body></html>")
    res = cli("extract", path, "--no-nlp")
    assert res.code == 1
    assert_one_line_errors(res, (str(path), "no article text"))


# -- size limit -----------------------------------------------------------------------------


def test_text_over_size_limit(cli, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(GOOD * 3, encoding="utf-8")  # ~250 characters, ~260 bytes
    res = cli("extract", path, "--no-nlp", "--max-size", "100")
    assert res.code == 1
    assert_one_line_errors(res, (str(path), "over the size limit"))
    assert cli("extract", path, "--no-nlp", "--max-size", "1000").code == 0


def test_file_over_byte_cap_is_not_read_whole(cli, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * 5000)  # > 4 bytes per allowed character: refused before decoding
    res = cli("extract", path, "--no-nlp", "--max-size", "1000")
    assert res.code == 1
    assert_one_line_errors(res, (str(path), "input over the size limit"))


def test_jsonl_line_over_size_limit(cli, tmp_path):
    path = tmp_path / "news.jsonl"
    rows = [{"id": "big", "text": "x" * 5000}, {"id": "ok", "text": GOOD}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    res = cli("extract", path, "--no-nlp", "--max-size", "100")
    assert res.code == 1
    assert [a["id"] for a in res.articles] == ["ok"]
    assert_one_line_errors(res, (f"{path}:1", "over the size limit"))


# -- batches: the good records are still written --------------------------------------------


def test_jsonl_batch_with_bad_lines(cli, tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": GOOD}, ensure_ascii=False),
        json.dumps({"id": "no-content", "title": "Sans texte"}),
        '{"id": "broken", "text": "unterminated',
        "[1, 2, 3]",
        json.dumps({"id": "typed", "text": 42}),
        json.dumps({"id": "b", "html": f"<html><body><p>{GOOD}</p></body></html>"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = cli("extract", path, "--no-nlp")
    assert res.code == 1
    assert [a["id"] for a in res.articles] == ["a", "b"]
    assert_one_line_errors(
        res,
        (f"{path}:2", "neither 'text' nor 'html'"),
        (f"{path}:3", "malformed JSON"),
        (f"{path}:4", "must be an object"),
        (f"{path}:5", "'text' must be a string"),
    )
    assert summary(res) == (2, 4)


def test_mixed_paths_batch(cli, tmp_path, examples):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"%PDF-1.4")
    missing = tmp_path / "missing.html"
    res = cli("extract", examples / "afp-putin-xi.fr.txt", bad, missing, "--no-nlp")
    assert res.code == 1
    assert [a["id"] for a in res.articles] == ["afp-putin-xi.fr"]
    assert_one_line_errors(res, (str(bad), "binary"), (str(missing), "no such file"))
    assert summary(res) == (1, 2)


def test_all_failed_is_exit_1(cli, tmp_path):
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for p in paths:
        p.write_bytes(b"")
    res = cli("extract", *paths, "--no-nlp")
    assert res.code == 1 and res.out == ""
    assert summary(res) == (0, 2)


def test_empty_and_corrupt_containers(cli, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"\n\n")
    corrupt_gz = tmp_path / "corrupt.jsonl.gz"
    corrupt_gz.write_bytes(b"\x1f\x8b\x08\x00garbage")
    bad_warc = tmp_path / "bad.warc"
    bad_warc.write_bytes(b"this is not a WARC file\r\n\r\n")
    res = cli("extract", empty, corrupt_gz, bad_warc, "--no-nlp")
    assert res.code == 1
    assert_one_line_errors(
        res,
        (str(empty), "empty input"),
        (str(corrupt_gz), "cannot read"),
        (str(bad_warc), "invalid WARC"),
    )


def test_stdin_errors(cli):
    res = cli("extract", "-", "--no-nlp", stdin=b"")
    assert res.code == 1
    assert_one_line_errors(res, ("<stdin>", "empty input"))
    res = cli("extract", "-", "--no-nlp", stdin=b'{"id": 1, "text": "ok"}\n{"id": 2}\n')
    assert res.code == 1
    assert_one_line_errors(res, ("<stdin>:2", "neither 'text' nor 'html'"))


def test_error_lines_are_single_lines(tmp_path):
    err = RecordError(str(tmp_path / "x.txt"), "first line\nsecond line")
    assert "\n" not in err.one_line()


# -- usage errors and exit codes ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["extract"],  # no PATH
        ["extract", "x.txt", "--format", "xml"],
        ["extract", "x.txt", "--max-size", "0"],
        ["extract", "x.txt", "--max-size", "lots"],
        ["extract", "x.txt", "--batch-size", "-3"],
        ["extract", "x.txt", "--model", "en_core_web_sm"],
        ["extract", "x.txt", "--bogus"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(cli, args):
    res = cli(*args)
    assert res.code == 2
    assert res.out == ""
    assert "usage:" in res.err


def test_unwritable_output_is_usage_error(cli, tmp_path, examples):
    res = cli("extract", examples / "afp-putin-xi.fr.txt", "-o", tmp_path / "no" / "out.json")
    assert res.code == 2
    assert res.err.startswith("error: cannot write")
