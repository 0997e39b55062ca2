"""Cleaning: remove scraper/page junk, report every removal. (placeholder, being written)"""

from __future__ import annotations

from dataclasses import dataclass, field

from wirelens.model import Removed


@dataclass
class Cleaned:
    text: str
    removed: list[Removed] = field(default_factory=list)


def clean_text(raw: str) -> Cleaned:
    return Cleaned(text=raw.strip())
