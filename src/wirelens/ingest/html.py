"""HTML page → main text, title, publication date and authors, with trafilatura (offline).

trafilatura finds the article body (precision mode, no comments) and the metadata; the date
comes from htmldate, which trafilatura calls on the parsed tree with the parameters below.
The HTML is always parsed here first, so neither library ever sees a bare string it could take
for a URL to download. Quotation marks and apostrophes are kept as written; paragraphs are
separated by "\n".
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date

LOGGER = logging.getLogger(__name__)

_HTML_START = (
    "<!doctype html",
    "<html",
    "<head",
    "<body",
    "<article",
    "<div",
    "<p>",
    "<p ",
    "<?xml",
)
_FULL_DOCUMENT = re.compile(r"<(html|body)[\s>]", re.IGNORECASE)


@dataclass
class Page:
    """What we keep from an HTML page. `text` is "" when no article text was found."""

    text: str
    title: str | None = None
    published: str | None = None  # ISO 8601 date, from htmldate
    authors: list[str] = field(default_factory=list)
    url: str | None = None  # canonical URL the page declares, if any


def looks_like_html(text: str) -> bool:
    """True if `text` starts like an HTML document or fragment (or has an <html> element)."""
    head = text.lstrip("\ufeff \t\r\n")[:500].lower()
    return head.startswith(_HTML_START) or ("<html" in head and "</" in text[:5000].lower())


def _split_authors(author: str | None) -> list[str]:
    if not author:
        return []
    return [a.strip() for a in author.split(";") if a.strip()]


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def html_to_text(html: str, url: str | None = None) -> Page:
    """Main text and metadata of one HTML page. Never touches the network."""
    import trafilatura
    from trafilatura.utils import load_html

    if not _FULL_DOCUMENT.search(html[:20_000]):
        # trafilatura rejects bare fragments ("<p>…</p>" alone): give them a body.
        html = f"<html><body>{html}</body></html>"
    try:
        tree = load_html(html)
        doc = None
        if tree is not None:
            doc = trafilatura.bare_extraction(
                tree,
                url=url,
                favor_precision=True,
                include_comments=False,
                include_tables=True,
                with_metadata=True,
                date_extraction_params={
                    "original_date": True,  # publication, not last modification
                    "extensive_search": False,  # markup only: no guessing from stray text
                    "max_date": date.today().isoformat(),
                },
            )
    except Exception:  # a malformed page must not stop a batch: report "no text found"
        LOGGER.debug("trafilatura failed on %s", url, exc_info=True)
        doc = None
    if doc is None:
        return Page(text="")

    text = (doc.text or "").strip()
    title = doc.title.strip() if doc.title else None
    if title:
        first, _, rest = text.partition("\n")
        if _norm(first) == _norm(title):  # the headline repeated as the first line
            text = rest.lstrip("\n")
    return Page(
        text=text,
        title=title or None,
        published=doc.date or None,
        authors=_split_authors(doc.author),
        url=doc.url or None,
    )
