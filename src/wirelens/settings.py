"""Settings in one typed place: model, limits, batching."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MODEL = "fr_core_news_md"
SMALL_MODEL = "fr_core_news_sm"
DEFAULT_MAX_CHARS = 5_000_000  # 5 MB of text per record


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    max_chars: int = DEFAULT_MAX_CHARS
    batch_size: int = 32
    default_lang: str = "fr"
    nlp: bool = True  # False: clean + metadata only (no spaCy, no quotes)
