"""Ingest: turn paths (txt, html, jsonl[.gz], warc[.gz], folders, stdin) into `Record`s.

Readers yield `Record` or `RecordError`; they never raise for one bad record, so a batch goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Record:
    """One raw article before processing: either `text` or `html` is set."""

    source: str  # locator used in error messages: "file.jsonl:3", "page.html", "x.warc#<id>"
    id: str | None = None
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    lang: str | None = None
    extra: dict = field(default_factory=dict)
