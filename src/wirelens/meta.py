"""Metadata: language, dateline, agencies, publication date. (placeholder, being written)"""

from __future__ import annotations

from wirelens.model import Dateline, Language


def detect_language(text: str) -> Language | None:
    return Language(code="fr", confidence=0.5)


def find_dateline(text: str) -> Dateline | None:
    return None


def find_agencies(raw: str, dateline: Dateline | None = None) -> list[str]:
    return []


def find_published(raw: str) -> str | None:
    return None
