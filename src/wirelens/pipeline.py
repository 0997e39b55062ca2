"""The pipeline's story: record → text (HTML extraction) → clean → metadata → NLP → quotes.

`extract()` runs it on one text or HTML string; `extract_many()` on many, batching spaCy;
`process_records()` is what the CLI uses: it yields an `Article` or a `RecordError` per record.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from wirelens import __version__
from wirelens.clean import clean_text
from wirelens.errors import RecordError
from wirelens.ingest import Record
from wirelens.ingest.html import looks_like_html  # noqa: F401  (re-exported: one HTML test)
from wirelens.meta import detect_language, find_agencies, find_dateline, find_published
from wirelens.model import Article, Producer
from wirelens.settings import Settings


def _prepare(record: Record, settings: Settings) -> Article:
    """Everything before spaCy: text from HTML, size checks, cleaning and metadata."""
    title, published, authors, url = record.title, record.published, [], record.url
    if record.html is not None:
        if len(record.html) > settings.max_chars * 4:
            raise RecordError(
                record.source, f"HTML over the size limit ({len(record.html):,} chars)"
            )
        from wirelens.ingest.html import html_to_text

        page = html_to_text(record.html, url=record.url)
        raw = page.text
        title = title or page.title
        published = published or page.published
        authors = page.authors
        url = url or page.url
    else:
        raw = record.text or ""
    if not raw.strip():
        raise RecordError(
            record.source,
            "empty text" if record.html is None else "no article text found in the HTML",
        )
    if len(raw) > settings.max_chars:
        raise RecordError(
            record.source, f"text over the size limit ({len(raw):,} > {settings.max_chars:,} chars)"
        )
    cleaned = clean_text(raw)
    if not cleaned.text.strip():
        raise RecordError(record.source, "nothing left after removing junk")
    language = detect_language(cleaned.text)
    if record.lang:
        from wirelens.model import Language

        language = Language(code=record.lang, confidence=1.0)
    dateline = find_dateline(cleaned.text)
    return Article(
        id=record.id,
        source=record.source,
        url=url,
        title=title,
        published=published or find_published(raw) or record.extra.get("fetched"),
        authors=authors,
        language=language,
        dateline=dateline,
        agencies=find_agencies(raw, dateline),
        text=cleaned.text,
        removed=cleaned.removed,
        producer=Producer(version=__version__),
    )


def _batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def process_records(
    records: Iterable[Record | RecordError], settings: Settings | None = None
) -> Iterator[Article | RecordError]:
    """Run the pipeline on records; a failing record yields its `RecordError`, the rest go on."""
    settings = settings or Settings()
    for batch in _batched(records, settings.batch_size):
        prepared: list[Article | RecordError] = []
        for rec in batch:
            if isinstance(rec, RecordError):
                prepared.append(rec)
                continue
            try:
                prepared.append(_prepare(rec, settings))
            except RecordError as err:
                prepared.append(err)
            except Exception as exc:  # a bug on one record must not sink the batch
                prepared.append(
                    RecordError(rec.source, f"internal error: {type(exc).__name__}: {exc}")
                )
        if settings.nlp:
            from wirelens.nlp import annotate_articles

            articles = [a for a in prepared if isinstance(a, Article)]
            try:
                annotate_articles(articles, settings)
            except Exception:
                # retry one by one so that only the failing record is reported
                for i, art in enumerate(prepared):
                    if isinstance(art, Article):
                        try:
                            annotate_articles([art], settings)
                        except Exception as exc:
                            prepared[i] = RecordError(
                                art.source or str(art.id),
                                f"internal error: {type(exc).__name__}: {exc}",
                            )
        yield from prepared


def to_record(item: str | dict | Record, n: int) -> Record:
    """A `Record` from a text, an HTML string or a `{"id","text"|"html",...}` dict."""
    if isinstance(item, Record):
        return item
    if isinstance(item, str):
        item = {"text": item}
    rid = item.get("id")
    source = f"<item {n}>" if rid is None else str(rid)
    content = item.get("html") if item.get("html") is not None else item.get("text")
    is_html = item.get("html") is not None or (content is not None and looks_like_html(content))
    return Record(
        source=source,
        id=None if rid is None else str(rid),
        text=None if is_html else content,
        html=content if is_html else None,
        url=item.get("url"),
        title=item.get("title"),
        published=item.get("published"),
        lang=item.get("lang"),
    )


def extract_many(
    items: Iterable[str | dict | Record], settings: Settings | None = None, *, errors: str = "raise"
) -> Iterator[Article]:
    """Articles from texts, HTML strings, `{"id","text"|"html",...}` dicts or `Record`s.

    `errors="raise"` raises the first `RecordError`; `errors="skip"` drops failing records.
    """
    records = (to_record(item, n) for n, item in enumerate(items))
    for result in process_records(records, settings):
        if isinstance(result, RecordError):
            if errors == "raise":
                raise result
            continue
        yield result


def extract(text_or_html: str, settings: Settings | None = None, **meta) -> Article:
    """One `Article` from a text or HTML string; `meta` may give id, url, title, published, lang."""
    if not isinstance(text_or_html, str):
        raise TypeError("extract() takes a str; decode bytes first (see wirelens.ingest.decode)")
    return next(extract_many([{"text": text_or_html, **meta}], settings))
