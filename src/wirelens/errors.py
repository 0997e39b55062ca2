"""Errors that name the record and the reason, so a batch can report them and go on."""

from __future__ import annotations


class WirelensError(Exception):
    """Base class of wirelens errors."""


class RecordError(WirelensError):
    """One input record could not be processed; the others still are.

    `record` locates it ("file.jsonl:12", "crawl.warc.gz#<urn:uuid:…>", "page.html");
    `reason` is one line saying why.
    """

    def __init__(self, record: str, reason: str) -> None:
        super().__init__(f"{record}: {reason}")
        self.record = record
        self.reason = reason

    def one_line(self) -> str:
        return f"error: {self.record}: {self.reason}".replace("\n", " ")
