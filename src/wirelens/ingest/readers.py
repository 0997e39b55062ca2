"""Paths → `Record`s: .txt, .html/.htm, .jsonl, .warc (each optionally .gz), folders and stdin.

`read_paths()` yields a `Record` per article or a `RecordError` per bad input and never raises
for one bad file, line or WARC record. JSONL and WARC are streamed (one line / record at a time);
a text or HTML document is read whole but never beyond the size limit.

Locators (`Record.source`, `RecordError.record`): "page.html", "news.jsonl:12",
"crawl.warc.gz#<urn:uuid:…>", "<stdin>".
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from wirelens.errors import RecordError
from wirelens.ingest import Record
from wirelens.ingest.decode import charset_from_content_type, decode_bytes
from wirelens.ingest.html import looks_like_html
from wirelens.settings import DEFAULT_MAX_CHARS

STDIN = "-"
STDIN_SOURCE = "<stdin>"

# extension (after removing ".gz") → kind
KINDS = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".warc": "warc"}
SUPPORTED = ".txt, .html, .htm, .jsonl, .warc (each also .gz)"

JSONL_FIELDS = ("id", "text", "html", "url", "title", "published", "lang")
_SNIFF_BYTES = 64 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def kind_of(path: str | os.PathLike) -> str | None:
    """'text', 'html', 'jsonl' or 'warc' from a file name, None when unsupported."""
    name = Path(path).name.lower().removesuffix(".gz")
    return KINDS.get(os.path.splitext(name)[1])


def _stem(path: Path) -> str:
    name = path.name.removesuffix(".gz").removesuffix(".GZ")
    return os.path.splitext(name)[0]


def _byte_cap(kind: str, max_chars: int) -> int:
    """Bytes beyond which a document is certainly over the limit (≤ 4 bytes per character);
    HTML may be 4× larger than its text (the pipeline applies the same ratio)."""
    return max_chars * (16 if kind == "html" else 4)


def read_paths(
    paths: list[str], max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Record | RecordError]:
    """Every record of every path, in order; folders are walked (sorted), "-" reads stdin."""
    for p in paths:
        if p == STDIN:
            yield from read_stream(sys.stdin.buffer, STDIN_SOURCE, max_chars)
        else:
            yield from read_path(p, max_chars)


def walk(folder: Path) -> list[Path]:
    """Supported files below `folder`, sorted by their path inside it; hidden entries skipped."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(root, n) for n in files if not n.startswith(".") and kind_of(n)]
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def read_path(p: str, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Record | RecordError]:
    path = Path(p)
    if path.is_dir():
        files = walk(path)
        for f in files:
            yield from read_file(f, max_chars)
        if not files:
            yield RecordError(p, f"no supported files in this folder ({SUPPORTED})")
    elif not path.exists():
        yield RecordError(p, "no such file or directory")
    elif not path.is_file():
        yield RecordError(p, "not a regular file")
    elif kind_of(path) is None:
        yield RecordError(p, f"unsupported file type (expected {SUPPORTED})")
    else:
        yield from read_file(path, max_chars)


def read_file(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Record | RecordError]:
    source, kind = str(path), kind_of(path)
    gz = path.name.lower().endswith(".gz")
    try:
        with open(path, "rb") as raw:
            # warcio reads gzipped WARCs itself (one gzip member per record)
            fh: BinaryIO = gzip.GzipFile(fileobj=raw) if gz and kind != "warc" else raw
            if kind == "jsonl":
                yield from read_jsonl(fh, source, max_chars)
            elif kind == "warc":
                yield from read_warc(fh, source, max_chars)
            else:
                yield read_document(fh, source, kind, _stem(path), max_chars)
    except (OSError, EOFError, zlib.error) as exc:
        yield RecordError(source, f"cannot read: {_reason(exc)}")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def read_document(
    fh: BinaryIO, source: str, kind: str, rid: str | None, max_chars: int = DEFAULT_MAX_CHARS
) -> Record | RecordError:
    """One text or HTML document (the whole stream)."""
    cap = _byte_cap(kind, max_chars)
    data = fh.read(cap + 1)
    if len(data) > cap:
        return RecordError(
            source, f"input over the size limit (more than {cap:,} bytes for {max_chars:,} chars)"
        )
    try:
        content = decode_bytes(data, source, html=kind == "html")
    except RecordError as err:
        return err
    if kind == "html":
        return Record(source=source, id=rid, html=content)
    return Record(source=source, id=rid, text=content)


# -- JSONL ----------------------------------------------------------------------------------


def read_jsonl(
    fh: BinaryIO, source: str, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Record | RecordError]:
    """One record per non-empty line; a bad line yields a `RecordError` "file.jsonl:LINE"."""
    cap = _byte_cap("html", max_chars) + 4096  # the largest HTML field plus the JSON around it
    seen = False
    lineno = 0
    while line := fh.readline(cap + 1):
        lineno += 1
        loc = f"{source}:{lineno}"
        if len(line) > cap and not line.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the over-long line without keeping it
            seen = True
            yield RecordError(loc, f"line over the size limit (more than {cap:,} bytes)")
            continue
        if lineno == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        seen = True
        yield parse_jsonl_line(line, loc)
    if not seen:
        yield RecordError(source, "empty input (no JSON lines)")


def parse_jsonl_line(line: bytes, loc: str) -> Record | RecordError:
    try:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text = decode_bytes(line, loc)
    except RecordError as err:
        return err
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return RecordError(loc, f"malformed JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(obj, dict):
        return RecordError(loc, f"a JSON line must be an object, not {type(obj).__name__}")
    if obj.get("text") is None and obj.get("html") is None:
        return RecordError(loc, "record has neither 'text' nor 'html'")
    for key in JSONL_FIELDS[1:]:
        if obj.get(key) is not None and not isinstance(obj[key], str):
            return RecordError(loc, f"'{key}' must be a string, not {type(obj[key]).__name__}")
    rid = obj.get("id")
    if rid is not None and (isinstance(rid, bool) or not isinstance(rid, str | int)):
        return RecordError(loc, f"'id' must be a string or an integer, not {type(rid).__name__}")
    html = obj.get("html")
    return Record(
        source=loc,
        id=loc if rid is None else str(rid),
        text=None if html is not None else obj["text"],
        html=html,
        url=obj.get("url"),
        title=obj.get("title"),
        published=obj.get("published"),
        lang=obj.get("lang"),
        extra={k: v for k, v in obj.items() if k not in JSONL_FIELDS},
    )


# -- WARC -----------------------------------------------------------------------------------


def _is_html(content_type: str | None) -> bool:
    return bool(content_type) and content_type.split(";")[0].strip().lower() in _HTML_TYPES


def read_warc(
    fh: BinaryIO, source: str, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Record | RecordError]:
    """Every HTML response (or resource) record with a 2xx status becomes a `Record`: id is the
    WARC-Record-ID, url the WARC-Target-URI, `extra["fetched"]` the WARC-Date. Requests,
    metadata, revisits, redirects and non-HTML payloads are skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    cap = _byte_cap("html", max_chars)
    found = False
    try:
        for n, rec in enumerate(ArchiveIterator(fh), 1):
            if rec.format != "warc" or not rec.rec_type:
                # warcio also reads ARC and is lenient: anything but a WARC record is corrupt
                yield RecordError(source, f"invalid WARC: record {n} is not a WARC record")
                return
            if rec.rec_type not in ("response", "resource"):
                continue
            http = rec.http_headers
            if http is not None:
                if rec.rec_type == "response" and not http.get_statuscode().startswith("2"):
                    continue
                content_type = http.get_header("Content-Type")
            else:
                content_type = rec.rec_headers.get_header("Content-Type")
            if not _is_html(content_type):
                continue
            rid = rec.rec_headers.get_header("WARC-Record-ID") or f"record-{n}"
            loc = f"{source}#{rid}"
            found = True
            data = rec.content_stream().read(cap + 1)
            if len(data) > cap:
                yield RecordError(loc, f"input over the size limit (more than {cap:,} bytes)")
                continue
            try:
                html = decode_bytes(data, loc, charset_from_content_type(content_type), html=True)
            except RecordError as err:
                yield err
                continue
            yield Record(
                source=loc,
                id=rid,
                html=html,
                url=rec.rec_headers.get_header("WARC-Target-URI"),
                extra={"fetched": rec.rec_headers.get_header("WARC-Date")},
            )
    except (ArchiveLoadFailed, ValueError, EOFError, zlib.error) as exc:
        yield RecordError(source, f"invalid WARC: {_reason(exc)}")
        return
    if not found:
        yield RecordError(source, "no HTML response records in this WARC")


# -- stdin ----------------------------------------------------------------------------------


class _Prepended(io.RawIOBase):
    """A raw stream that first returns `head`, then the rest of `tail`."""

    def __init__(self, head: bytes, tail: BinaryIO) -> None:
        self._head = memoryview(head)
        self._tail = tail

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        if self._head:
            n = min(len(buf), len(self._head))
            buf[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._tail.read(len(buf))
        buf[: len(data)] = data
        return len(data)


def sniff(head: bytes, complete: bool) -> str:
    """'warc', 'jsonl', 'html' or 'text' from the first bytes of a stream (`complete`: all of it)."""
    if head.startswith(b"WARC/"):
        return "warc"
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    lines = text.splitlines()
    if not complete and lines:
        lines = lines[:-1]  # the last line may be cut short
    non_empty = [ln.lstrip() for ln in lines if ln.strip()]
    if non_empty and all(ln.startswith("{") for ln in non_empty):
        return "jsonl"
    if looks_like_html(text):
        return "html"
    return "text"


def read_stream(
    stream: BinaryIO, source: str = STDIN_SOURCE, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Record | RecordError]:
    """Records from a byte stream of unknown format (stdin): gzip is undone, the content sniffed."""
    try:
        head = stream.read(_SNIFF_BYTES)
        if head.startswith(b"\x1f\x8b"):
            stream = gzip.GzipFile(fileobj=io.BufferedReader(_Prepended(head, stream)))
            head = stream.read(_SNIFF_BYTES)
        kind = sniff(head, complete=len(head) < _SNIFF_BYTES)
        fh = io.BufferedReader(_Prepended(head, stream))
        if kind == "jsonl":
            yield from read_jsonl(fh, source, max_chars)
        elif kind == "warc":
            yield from read_warc(fh, source, max_chars)
        else:
            yield read_document(fh, source, kind, None, max_chars)
    except (OSError, EOFError, zlib.error) as exc:
        yield RecordError(source, f"cannot read: {_reason(exc)}")
