"""Quotation marks: find every quoted segment of a text, in any style news uses.

Works on characters, paragraph by paragraph, before any parsing: « » (with or without inner
spaces), “ ”, „ “, straight "…", ‘’…’’ and ''…'' (double single), ‘…’, and straight '…' where
the context shows it is not an apostrophe. Nested marks stay inside the outer segment. A mark
never closed ends its segment at the end of the paragraph (the French convention for a
quotation reopened at each paragraph); a closing mark never opened starts its segment at the
start of the paragraph. Neither swallows the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# opener -> closer, longest first so that ‘’ wins over ‘
_PAIRS: list[tuple[str, str]] = [
    ("‘’", "’’"),
    ("''", "''"),
    ("«", "»"),
    ("“", "”"),
    ("„", "“"),
    ("‹", "›"),
    ('"', '"'),
    ("‘", "’"),
    ("'", "'"),
]
_CLOSERS_ONLY = {"»": "«", "”": "“"}
_MARK_CHARS = {o[0] for o, _ in _PAIRS} | set(_CLOSERS_ONLY)
_SPACE = " \t\u00a0\u202f\u2009"
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Marked:
    """A quoted segment: `start`/`end` delimit the content, `outer_*` include the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    opener: str
    closed: bool = True
    opened: bool = True


def _is_word(ch: str) -> bool:
    return bool(ch) and bool(_WORD.match(ch))


def _can_open(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else ""
    if mark in ("'", "‘", "''", '"'):
        # an apostrophe is glued to a word on its left; an opening mark is not
        if _is_word(before):
            return False
        return bool(after) and not after.isspace()
    return True


def _can_close(text: str, i: int, mark: str) -> bool:
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    before = text[i - 1] if i > 0 else ""
    if mark in ("'", "’", "''", '"'):
        # "l’État": a mark followed by a letter is an apostrophe, not a closing mark
        if _is_word(after):
            return False
        return bool(before) and not before.isspace()
    return True


def _find_close(text: str, start: int, end: int, opener: str, closer: str) -> int:
    """Index of the mark that closes `opener`, or -1; same-style marks nest."""
    depth = 0
    i = start
    symmetric = opener == closer
    while i < end:
        if text.startswith(closer, i) and _can_close(text, i, closer):
            if depth == 0:
                return i
            depth -= 1
            i += len(closer)
            continue
        if not symmetric and text.startswith(opener, i) and _can_open(text, i, opener):
            depth += 1
            i += len(opener)
            continue
        i += 1
    return -1


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    return start, end


def find_marked(text: str) -> list[Marked]:
    """Every top-level quoted segment of `text`, in order."""
    found: list[Marked] = []
    for p_start, p_end in _paragraphs(text):
        i = p_start
        seg_floor = p_start  # an unopened closer cannot reach back before this
        while i < p_end:
            ch = text[i]
            if ch not in _MARK_CHARS:
                i += 1
                continue
            pair = next(
                (
                    (o, c)
                    for o, c in _PAIRS
                    if text.startswith(o, i) and i + len(o) <= p_end and _can_open(text, i, o)
                ),
                None,
            )
            if pair is not None:
                opener, closer = pair
                j = _find_close(text, i + len(opener), p_end, opener, closer)
                if j < 0:
                    at_paragraph_start = not text[p_start:i].strip()
                    if opener in ("'", "‘", '"', "''") and not (
                        opener == '"' and at_paragraph_start
                    ):
                        # a lone straight mark inside a paragraph is more likely noise; at its
                        # start it opens a quotation that the next paragraph continues
                        i += len(opener)
                        continue
                    s, e = _trim(text, i + len(opener), p_end)
                    found.append(Marked(s, e, i, p_end, opener, closed=False))
                    i = p_end
                    seg_floor = p_end
                    continue
                s, e = _trim(text, i + len(opener), j)
                if e > s:
                    found.append(Marked(s, e, i, j + len(closer), opener))
                i = j + len(closer)
                seg_floor = i
                continue
            if ch in _CLOSERS_ONLY:
                # a closing mark with no opening one: the quote began at the paragraph start
                s, e = _trim(text, seg_floor, i)
                if e > s and seg_floor == p_start:
                    found.append(Marked(s, e, s, i + 1, _CLOSERS_ONLY[ch], opened=False))
                i += 1
                seg_floor = i
                continue
            i += 1
    return found
