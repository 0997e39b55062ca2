"""`POST /api/extract`: the pipeline on posted text or HTML, nothing stored.

The spaCy model is loaded on the first request (a few seconds), once per process; a lock runs
one extraction at a time, since a spaCy pipeline is not meant to be shared between threads and
this also bounds the CPU one client can take.
"""

from __future__ import annotations

import threading

from pydantic import BaseModel, ConfigDict, Field, model_validator

from wirelens.model import Article
from wirelens.settings import Settings

DEFAULT_MAX_BYTES = 1_000_000  # largest request body of /api/extract


class ExtractRequest(BaseModel):
    """The body of `POST /api/extract` (JSON). `html` wins if both are given."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="plain article text")
    html: str | None = Field(default=None, description="an HTML page (main text extracted)")
    id: str | None = Field(default=None, description="record id, copied to the article")
    url: str | None = None
    title: str | None = None
    published: str | None = Field(default=None, description="ISO 8601 date")
    lang: str | None = Field(default=None, description="ISO 639-1 code; detected if absent")

    @model_validator(mode="after")
    def _needs_content(self) -> ExtractRequest:
        if self.text is None and self.html is None:
            raise ValueError("give 'text' or 'html'")
        return self


class Extractor:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()

    def __call__(self, request: ExtractRequest) -> Article:
        from wirelens.ingest import Record
        from wirelens.pipeline import extract_many

        record = Record(
            source="<api>" if request.id is None else request.id,
            id=request.id,
            text=None if request.html is not None else request.text,
            html=request.html,
            url=request.url,
            title=request.title,
            published=request.published,
            lang=request.lang,
        )
        with self._lock:  # extract_many raises the RecordError of a record it cannot process
            return next(extract_many([record], self.settings))
