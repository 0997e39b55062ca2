"""Synthetic syndicated copies of an article, for tests and benchmarks of story detection.

Each variant does what republishers do: wrap the text in scraper junk, drop paragraphs, change
the headline, reorder paragraphs, keep only the beginning. Deterministic for a given seed.
"""

from __future__ import annotations

import random

JUNK_TOP = ["[ad_1]", "Publié le: Modifié:", "Partager sur Facebook Twitter"]
JUNK_BOTTOM = ["[ad_2]", "Source link -33"]
HEADLINES = ["À la une", "Info en continu", "Dernière minute", "Actualité", "L'essentiel"]


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]


def with_junk(paras: list[str], rng: random.Random) -> list[str]:
    return rng.sample(JUNK_TOP, 2) + paras + JUNK_BOTTOM


def drop_paragraphs(paras: list[str], rng: random.Random, share: float = 0.25) -> list[str]:
    body = list(range(1, len(paras)))
    drop = set(rng.sample(body, int(len(body) * share))) if body else set()
    return [p for i, p in enumerate(paras) if i not in drop]


def new_headline(paras: list[str], rng: random.Random) -> list[str]:
    words = paras[0].split()
    head = f"{rng.choice(HEADLINES)} : {' '.join(words[: max(3, len(words) // 2)])}"
    return [head, *paras[1:]]


def reorder(paras: list[str], rng: random.Random) -> list[str]:
    body = paras[2:]
    rng.shuffle(body)
    return paras[:2] + body


def truncate(paras: list[str], rng: random.Random, keep: float = 0.6) -> list[str]:
    return paras[: max(2, round(len(paras) * keep))]


VARIANTS = {
    "junk": lambda p, r: with_junk(p, r),
    "dropped": lambda p, r: drop_paragraphs(p, r),
    "headline": lambda p, r: new_headline(p, r),
    "reordered": lambda p, r: reorder(p, r),
    "truncated": lambda p, r: truncate(p, r),
    "mixed": lambda p, r: with_junk(new_headline(drop_paragraphs(p, r, 0.15), r), r),
}


def copies(text: str, seed: int = 0) -> dict[str, str]:
    """Variant name → the copied text."""
    paras = paragraphs(text)
    out = {}
    for n, (name, make) in enumerate(VARIANTS.items()):
        out[name] = "\n\n".join(make(paras, random.Random(seed * 100 + n)))
    return out
