"""The storage interface: what the ingest and the queries need from a store.

`SQLiteStore` (one file, no server) is the implementation shipped; another backend
(PostgreSQL) implements the same methods.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from wirelens.store.rows import ArticleRows


@dataclass(frozen=True)
class QuoteQuery:
    """Filters of `wirelens quotes` (all optional, combined with AND)."""

    speaker: str | None = None  # a name or alias of the speaker ("Poutine", "Vladimir Putin")
    about: str | None = None  # words that must all occur in the quotation (accents ignored)
    to: str | None = None  # a name or alias of the addressee
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    lang: str | None = None
    source: str | None = None  # a domain ("lesoir.be") or a domain suffix ("be")
    story: int | None = None  # only quotations of this story's articles
    dedupe: bool = False  # a quotation repeated by copies of one story counts once
    limit: int | None = 50
    offset: int = 0


@dataclass(frozen=True)
class ArticleQuery:
    """Filters of an article search."""

    text: str | None = None  # words that must all occur in the title or text
    since: str | None = None
    until: str | None = None
    lang: str | None = None
    source: str | None = None
    limit: int | None = 50
    offset: int = 0


@dataclass(frozen=True)
class EventQuery:
    """Filters of `wirelens events` (all optional, combined with AND)."""

    type: str | None = None  # a PLOVER type (AGREE, ..., ASSAULT)
    actor: str | None = None  # a name or alias of an actor of the event
    recipient: str | None = None  # a name or alias of a recipient
    country: str | None = None  # ISO 3166 alpha-3 of any participant
    since: str | None = None
    until: str | None = None
    flag: str | None = None  # negated, hypothetical, future or historical
    lang: str | None = None
    source: str | None = None
    dedupe: bool = False  # the same act reported by copies of one story counts once
    limit: int | None = 50
    offset: int = 0


@dataclass(frozen=True)
class ErrorRow:
    record: str
    reason: str
    hash: str | None = None


class Store(ABC):
    """A wirelens store. Writes happen in one process; each `write` is one transaction."""

    # -- ingest ---------------------------------------------------------------------------
    @abstractmethod
    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Those of `hashes` already stored, as an article or as a failed record."""

    @abstractmethod
    def start_run(self, inputs: list[str], workers: int, model: str | None) -> int: ...

    @abstractmethod
    def finish_run(
        self, run_id: int, status: str, articles: int, skipped: int, errors: int
    ) -> None: ...

    @abstractmethod
    def write(self, run_id: int, articles: list[ArticleRows], errors: list[ErrorRow]) -> int:
        """Store articles (an already-stored hash is ignored) and errors atomically; return
        the number of articles added."""

    # -- queries --------------------------------------------------------------------------
    @abstractmethod
    def quotes(self, query: QuoteQuery) -> list[dict]: ...

    @abstractmethod
    def count_quotes(self, query: QuoteQuery) -> int: ...

    @abstractmethod
    def articles(self, query: ArticleQuery) -> list[dict]: ...

    @abstractmethod
    def actors(self, top: int | None = 50, name: str | None = None) -> list[dict]: ...

    @abstractmethod
    def actor(self, actor_id: str) -> dict | None: ...

    @abstractmethod
    def article(self, ref: str | int) -> dict | None:
        """An article by store id, content-hash prefix or record id, with quotes and entities."""

    @abstractmethod
    def stats(self) -> dict: ...

    @abstractmethod
    def errors(self, run_id: int | None = None) -> list[dict]: ...

    @abstractmethod
    def iter_articles(self) -> Iterator[dict]:
        """Every stored article: its `Article` JSON plus `store_id` and `hash`."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
