"""Inputs → partitions: small picklable specs that workers turn back into records themselves.

A partition is a list of `Slice`s, in input order. A slice is either a whole input (a text or
HTML file, a small JSONL or WARC file, a missing path: `readers.read_path` reads it, errors
included) or a range of a large JSONL or WARC file: `count` lines or HTML records from a byte
`offset`. Ranges come from one cheap pass over each JSONL/WARC file (`scan_file`, run on the
engine's workers for large inputs) that notes where every `step`-th line or HTML record starts.
Reading every partition in order gives exactly the records (and read errors) of
`read_paths(inputs)`: same sources, same line numbers, same ids. No record goes through the
client; workers read their slices from shared storage.
"""

from __future__ import annotations

import glob
import gzip
import math
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from wirelens.errors import RecordError
from wirelens.ingest import Record
from wirelens.ingest.decode import charset_from_content_type, decode_bytes
from wirelens.ingest.readers import (
    STDIN,
    _byte_cap,
    _is_html,
    _reason,
    kind_of,
    parse_jsonl_line,
    read_path,
    walk,
)
from wirelens.settings import DEFAULT_MAX_CHARS

MAX_MARKS = 4096  # split points kept per file (their spacing doubles beyond that)
_CHUNK = 1 << 20
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Slice:
    """Part of the input. kind "whole": `read_path(path)`; "jsonl": `count` physical lines
    from byte `offset` (of the decompressed stream), `first` lines before it; "warc": `count`
    HTML response records from the record at byte `offset`, `first` WARC records before it."""

    path: str
    kind: str = "whole"
    offset: int = 0
    first: int = 0
    count: int = 0
    weight: int = 1  # records, roughly: what partitions are balanced on

    @classmethod
    def from_dict(cls, d: dict) -> Slice:
        return cls(**d)


@dataclass(frozen=True)
class Part:
    index: int
    slices: tuple[Slice, ...]
    weight: int

    def to_dict(self) -> dict:
        return {
            "index": self.index,
            "weight": self.weight,
            "slices": [asdict(s) for s in self.slices],
        }

    @classmethod
    def from_dict(cls, d: dict) -> Part:
        return cls(d["index"], tuple(Slice.from_dict(s) for s in d["slices"]), d["weight"])

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


@dataclass
class FileIndex:
    """What `scan_file` learnt: `kind` "jsonl"/"warc" (splittable) or "whole"; `total`
    lines or HTML records; `marks` = (record index, byte offset, records before) every
    `step` records, the first at index 0."""

    path: str
    kind: str
    total: int
    step: int = 1
    marks: list[tuple[int, int, int]] = field(default_factory=list)


# -- inputs ---------------------------------------------------------------------------------


def _has_magic(p: str) -> bool:
    return glob.has_magic(p)


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Files (and unreadable paths, kept so that they give their error) in `read_paths` order:
    a folder → its supported files (sorted, hidden skipped); a glob pattern (`*.jsonl.gz`,
    `crawl/**/*.warc.gz`) → its matches, sorted; anything else as it is."""
    out: list[str] = []
    for p in inputs:
        if p == STDIN:
            raise ValueError("stdin (-) cannot be partitioned: give files, folders or patterns")
        path = Path(p)
        if not path.exists() and _has_magic(p):
            matches = sorted(glob.glob(p, recursive=True))
            if matches:
                out += expand_inputs(matches)
                continue
        if path.is_dir():
            files = walk(path)
            out += [str(f) for f in files] if files else [p]  # empty folder: its error
        else:
            out.append(p)
    return out


def fingerprint(paths: Iterable[str]) -> list[dict]:
    """(path, size, mtime) of each input, to tell whether a saved plan still fits."""
    out = []
    for p in paths:
        try:
            st = os.stat(p)
            out.append({"path": p, "size": st.st_size, "mtime_ns": st.st_mtime_ns})
        except OSError:
            out.append({"path": p, "size": None, "mtime_ns": None})
    return out


def splittable(path: str) -> bool:
    return kind_of(path) in ("jsonl", "warc") and Path(path).is_file()


# -- the scan -------------------------------------------------------------------------------


class _Marks:
    """Split points every `step` records; beyond MAX_MARKS the step doubles (up to `cap`)."""

    def __init__(self, cap: int | None) -> None:
        self.step, self.cap = 1, cap
        self.marks: list[tuple[int, int, int]] = []

    def wants(self, i: int) -> bool:
        return i % self.step == 0

    def add(self, mark: tuple[int, int, int]) -> None:
        self.marks.append(mark)
        if len(self.marks) > MAX_MARKS and (self.cap is None or self.step * 2 <= self.cap):
            self.step *= 2
            self.marks = [m for m in self.marks if m[0] % self.step == 0]


def scan_file(path: str, max_step: int | None = None) -> FileIndex:
    """Where the lines (JSONL) or HTML records (WARC) of a file start. A file that cannot be
    split exactly (unreadable, corrupt, empty, no HTML, a WARC.gz that is not one gzip member per
    record) is "whole": it is read whole, errors and all, by one slice."""
    try:
        if kind_of(path) == "jsonl":
            return _scan_jsonl(path, max_step)
        return _scan_warc(path, max_step)
    except Exception:  # anything odd: read it whole, exactly as the single-machine reader does
        return FileIndex(path, "whole", 1)


def _open(path: str):
    raw = open(path, "rb")  # noqa: SIM115 (returned)
    if path.lower().endswith(".gz"):
        return gzip.GzipFile(fileobj=raw, mode="rb"), raw
    return raw, raw


def _scan_jsonl(path: str, max_step: int | None) -> FileIndex:
    marks = _Marks(max_step)
    marks.add((0, 0, 0))
    lines = pos = 0
    nonblank = False
    last = b"\n"
    fh, raw = _open(path)
    try:
        while chunk := fh.read(_CHUNK):
            nonblank = nonblank or bool(chunk.strip())
            n = chunk.count(b"\n")
            j, k = -1, 0  # position of the k-th newline of this chunk
            t = (lines // marks.step + 1) * marks.step  # next line index worth a mark
            while t <= lines + n:
                while k < t - lines:
                    j = chunk.find(b"\n", j + 1)
                    k += 1
                marks.add((t, pos + j + 1, t))
                t = (t // marks.step + 1) * marks.step
            lines += n
            pos += len(chunk)
            last = chunk[-1:]
    finally:
        fh.close()
        raw.close()
    total = lines + (0 if last == b"\n" else 1)
    if not nonblank:
        return FileIndex(path, "whole", 1)
    kept = [m for m in marks.marks if m[0] < total]
    return FileIndex(path, "jsonl", total, marks.step, kept)


def _warc_candidate(rec) -> bool:
    """What `read_warc` turns into a record: an HTML response (2xx) or resource."""
    if rec.rec_type not in ("response", "resource"):
        return False
    http = rec.http_headers
    if http is not None:
        if rec.rec_type == "response" and not http.get_statuscode().startswith("2"):
            return False
        content_type = http.get_header("Content-Type")
    else:
        content_type = rec.rec_headers.get_header("Content-Type")
    return _is_html(content_type)


def _scan_warc(path: str, max_step: int | None) -> FileIndex:
    from warcio.archiveiterator import ArchiveIterator

    marks = _Marks(max_step)
    found = 0
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        for n, rec in enumerate(it, 1):
            if rec.format != "warc" or not rec.rec_type:
                return FileIndex(path, "whole", max(found, 1))
            if _warc_candidate(rec):
                if marks.wants(found):
                    marks.add((found, it.get_record_offset(), n - 1))
                found += 1
    if not found:
        return FileIndex(path, "whole", 1)
    if path.lower().endswith(".gz"):  # each split point must start a gzip member
        with open(path, "rb") as fh:
            for _, offset, _ in marks.marks:
                fh.seek(offset)
                if fh.read(2) != b"\x1f\x8b":
                    return FileIndex(path, "whole", found)
    return FileIndex(path, "warc", found, marks.step, marks.marks)


# -- partitioning ---------------------------------------------------------------------------


def make_parts(indexes: list[FileIndex], size: int) -> list[Part]:
    """Consecutive slices grouped into partitions of about `size` records (a whole input is
    never split; a splittable file is cut at its marks)."""
    size = max(1, size)
    parts: list[Part] = []
    cur: list[Slice] = []
    weight = 0

    def close() -> None:
        nonlocal cur, weight
        if cur:
            parts.append(Part(len(parts), tuple(cur), weight))
            cur, weight = [], 0

    for ix in indexes:
        if ix.kind == "whole":
            cur.append(Slice(ix.path, weight=ix.total))
            weight += ix.total
            if weight >= size:
                close()
            continue
        marks = ix.marks
        i = 0  # the mark this slice starts at
        while True:
            start = marks[i][0]
            room = size - weight
            j = next((k for k in range(i + 1, len(marks)) if marks[k][0] >= start + room), None)
            end = ix.total if j is None else marks[j][0]
            n = end - start
            if n == ix.total:
                cur.append(Slice(ix.path, weight=n))
            else:
                _, offset, first = marks[i]
                cur.append(Slice(ix.path, ix.kind, offset, first, n, n))
            weight += n
            if weight >= size:
                close()
            if j is None:
                break
            i = j
    close()
    return parts


def plan(
    inputs: list[str],
    *,
    partitions: int | None = None,
    partition_size: int | None = None,
    scan: Callable[[list[str], int | None], list[FileIndex]] | None = None,
) -> list[Part]:
    """Partitions of `inputs`: `partition_size` records each, or about `partitions` in all
    (default: 500 records each). `scan(paths, max_step)` indexes the splittable files (on the
    engine's workers); default: here, one after the other."""
    files = expand_inputs(inputs)
    to_scan = [p for p in files if splittable(p)]
    max_step = None if partitions else max(1, (partition_size or DEFAULT_PARTITION_SIZE) // 4)
    scan = scan or (lambda paths, step: [scan_file(p, step) for p in paths])
    scanned = scan(to_scan, max_step)
    by_path = dict(zip(to_scan, scanned, strict=True))
    indexes = [by_path.get(p) or FileIndex(p, "whole", 1) for p in files]
    if partitions:
        total = sum(ix.total for ix in indexes)
        size = max(1, math.ceil(total / partitions))
    else:
        size = partition_size or DEFAULT_PARTITION_SIZE
    return make_parts(indexes, size)


DEFAULT_PARTITION_SIZE = 500


# -- reading a partition (on a worker) ------------------------------------------------------


def read_part(part: Part, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Record | RecordError]:
    """The records of a partition, exactly as `read_paths` gives them."""
    for s in part.slices:
        if s.kind == "whole":
            yield from read_path(s.path, max_chars)
        elif s.kind == "jsonl":
            yield from _read_jsonl_range(s, max_chars)
        else:
            yield from _read_warc_range(s, max_chars)


def _read_jsonl_range(s: Slice, max_chars: int) -> Iterator[Record | RecordError]:
    """`s.count` lines of a JSONL file from `s.offset`: the loop of `readers.read_jsonl`."""
    source = str(Path(s.path))
    cap = _byte_cap("html", max_chars) + 4096
    try:
        fh, raw = _open(s.path)
        try:
            fh.seek(s.offset)  # gzip: decompresses up to there, keeps nothing
            lineno = s.first
            for _ in range(s.count):
                line = fh.readline(cap + 1)
                if not line:
                    break
                lineno += 1
                loc = f"{source}:{lineno}"
                if len(line) > cap and not line.endswith(b"\n"):
                    while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass
                    yield RecordError(loc, f"line over the size limit (more than {cap:,} bytes)")
                    continue
                if lineno == 1:
                    line = line.removeprefix(_BOM)
                if not line.strip():
                    continue
                yield parse_jsonl_line(line, loc)
        finally:
            fh.close()
            raw.close()
    except (OSError, EOFError, zlib.error) as exc:
        yield RecordError(source, f"cannot read: {_reason(exc)}")


def _read_warc_range(s: Slice, max_chars: int) -> Iterator[Record | RecordError]:
    """`s.count` HTML records of a WARC from the record at `s.offset`: `readers.read_warc`."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = str(Path(s.path))
    cap = _byte_cap("html", max_chars)
    got = 0
    try:
        with open(s.path, "rb") as fh:
            fh.seek(s.offset)
            for n, rec in enumerate(ArchiveIterator(fh), s.first + 1):
                if rec.format != "warc" or not rec.rec_type:
                    yield RecordError(source, f"invalid WARC: record {n} is not a WARC record")
                    return
                if not _warc_candidate(rec):
                    continue
                if rec.http_headers is not None:
                    content_type = rec.http_headers.get_header("Content-Type")
                else:
                    content_type = rec.rec_headers.get_header("Content-Type")
                rid = rec.rec_headers.get_header("WARC-Record-ID") or f"record-{n}"
                loc = f"{source}#{rid}"
                got += 1
                data = rec.content_stream().read(cap + 1)
                if len(data) > cap:
                    yield RecordError(loc, f"input over the size limit (more than {cap:,} bytes)")
                else:
                    try:
                        html = decode_bytes(
                            data, loc, charset_from_content_type(content_type), html=True
                        )
                    except RecordError as err:
                        yield err
                    else:
                        yield Record(
                            source=loc,
                            id=rid,
                            html=html,
                            url=rec.rec_headers.get_header("WARC-Target-URI"),
                            extra={"fetched": rec.rec_headers.get_header("WARC-Date")},
                        )
                if got >= s.count:
                    return
    except (ArchiveLoadFailed, ValueError, EOFError, zlib.error) as exc:
        yield RecordError(source, f"invalid WARC: {_reason(exc)}")
    except OSError as exc:
        yield RecordError(source, f"cannot read: {_reason(exc)}")
