"""Cleaning: remove scraper and page junk from an article's text, and report every removal.

`clean_text(raw)` works line by line:

1. Line breaks: `\\r\\n`, `\\r`, U+2028, U+2029 and U+0085 end a line; a leading BOM is dropped.
2. Mojibake: a line that `ftfy.badness.is_bad` flags is repaired with `ftfy.fix_text` (quotes are
   never uncurled, no width or HTML changes); any other line keeps its characters exactly.
3. Junk: each line, stripped, is matched whole (`re.fullmatch`) against the patterns of every
   `lang/<code>/junk.tsv` (all languages: French pages carry English junk and the other way
   round). A matching line is removed, or only the pattern's `junk` group when it has one.
4. Whitespace: spaces at the start and end of lines go, runs of blank lines become one blank
   line, blank lines at the start and end go. Spaces inside a line (NBSP and NNBSP before French
   punctuation included) and the line structure (`\\n` or `\\n\\n` between paragraphs) are kept.

Offsets: every `Removed` span points into `raw` exactly as given to `clean_text` (before any
line-break, BOM or mojibake change), and `Removed.text == raw[start:end]`; when the line was
repaired, the text is the original, unrepaired one (its repair is what the pattern matched).
Surrounding whitespace and the line break are not part of a span. A partial removal from a
repaired line is not made (the line is kept whole), so spans never need remapping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import ftfy
from ftfy.badness import is_bad

from wirelens.lang import LANG_ROOT, available_languages, lang_dir, read_tsv
from wirelens.model import Removed

MAX_JUNK_LINE = 600
"""A line longer than this is never removed whole, whatever pattern it matches."""

_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_character_width=False,
    fix_line_breaks=False,
    normalization="NFC",
    explain=False,
)
_LINE = re.compile(r"[^\r\n\u2028\u2029\x85]*")
_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")
_MACRO = re.compile(r"\{\{(\w+)\}\}")


@dataclass
class Cleaned:
    text: str
    removed: list[Removed] = field(default_factory=list)


@dataclass(frozen=True)
class JunkRule:
    reason: str
    pattern: re.Pattern
    source: str  # "file:line" for error messages and debugging


def repair(line: str) -> str:
    """`line` with mojibake repaired, or `line` itself when ftfy sees nothing wrong."""
    return ftfy.fix_text(line, config=_FTFY) if is_bad(line) else line


# ftfy's badness regex has no look-around and anchors only with `^`, at the start of a string,
# in `^[ÃÂ][ ]`: a line it flags makes the whole text flagged, or holds "Ã " or "Â ".
_BAD_LINE_START = re.compile("[ÃÂ] ")


@lru_cache(maxsize=2)  # the text being prepared: asked by clean_text, then by metadata
def may_need_repair(raw: str) -> bool:
    """False when no line of `raw` can need `repair`: one regex pass over the whole text
    instead of one per line, shared by `clean_text` and the metadata searches on one text."""
    return is_bad(raw) or _BAD_LINE_START.search(raw) is not None


def repair_text(raw: str) -> str:
    """`repair` applied line by line, line breaks normalised to `\\n` (for metadata searches)."""
    lines = _BREAK.split(raw.lstrip("\ufeff"))
    return "\n".join(map(repair, lines) if may_need_repair(raw) else lines)


@cache
def agency_regex() -> str:
    """One regex source matching any agency alias of `lang/agencies.tsv` as a whole word."""
    aliases = [row[1] for row in read_tsv(LANG_ROOT / "agencies.tsv") if len(row) >= 2]
    return r"(?:\b(?:" + "|".join(f"(?:{a})" for a in aliases) + r")\b)"


def load_rules(path: Path) -> list[JunkRule]:
    """Rules of one junk file: `reason TAB regex` rows, `@NAME TAB regex` macro definitions."""
    macros = {"AGENCY": agency_regex()}
    rules = []

    def expand(text: str) -> str:
        return _MACRO.sub(lambda m: macros[m.group(1)], text)

    for n, row in enumerate(read_tsv(path), 1):
        where = f"{path.name}:{n}"
        if len(row) != 2:
            raise ValueError(f"{where}: expected 'reason<TAB>regex', got {row!r}")
        name, regex = row
        try:
            if name.startswith("@"):
                macros[name[1:]] = expand(regex)
                re.compile(macros[name[1:]])
            else:
                rules.append(JunkRule(name, re.compile(expand(regex)), where))
        except (re.error, KeyError) as err:
            raise ValueError(f"{where}: bad pattern {regex!r}: {err}") from err
    return rules


@cache
def junk_rules() -> tuple[JunkRule, ...]:
    """The rules of every language's `junk.tsv`, loaded once."""
    return tuple(
        rule for code in available_languages() for rule in load_rules(lang_dir(code) / "junk.tsv")
    )


def match_junk(line: str) -> tuple[str, tuple[int, int]] | None:
    """(reason, span to remove within `line`) for a stripped line that is junk, else None."""
    # whole-line rules see the line with runs of spaces made one (cheaper, simpler patterns)
    squeezed = " ".join(line.split()) if len(line) <= MAX_JUNK_LINE else None
    for rule in junk_rules():
        partial = "junk" in rule.pattern.groupindex
        if not partial and squeezed is None:
            continue
        m = rule.pattern.fullmatch(line if partial else squeezed)
        if m is None:
            continue
        if not partial:
            return rule.reason, (0, len(line))
        start, end = m.span("junk")
        while start < end and line[start].isspace():
            start += 1
        if start < end:
            return rule.reason, (start, end)
    return None


def _lines(raw: str):
    """(start, end) of each line of `raw`, without its line break."""
    pos = 0
    n = len(raw)
    while True:
        m = _LINE.match(raw, pos)
        yield m.start(), m.end()
        pos = m.end()
        if pos >= n:
            return
        pos = _BREAK.match(raw, pos).end()


def clean_text(raw: str) -> Cleaned:
    """The article text without junk, and the list of what was removed (see the module doc)."""
    removed: list[Removed] = []
    kept: list[str] = []
    fix = repair if may_need_repair(raw) else str  # str(line) is line
    for start, end in _lines(raw):
        line = raw[start:end]
        if start == 0 and line.startswith("\ufeff"):
            line, start = line[1:], start + 1
        lead = len(line) - len(line.lstrip())
        line = line.strip()
        if not line:
            kept.append("")
            continue
        start += lead
        fixed = fix(line)
        hit = match_junk(fixed)
        if hit is None:
            kept.append(fixed)
            continue
        reason, (js, je) = hit
        if (js, je) == (0, len(fixed)):
            removed.append(Removed(text=line, start=start, end=start + len(line), reason=reason))
            continue
        if fixed is not line:  # partial removal from a repaired line: keep it whole
            kept.append(fixed)
            continue
        removed.append(Removed(text=line[js:je], start=start + js, end=start + je, reason=reason))
        kept.append((line[:js].rstrip() + " " + line[je:].lstrip()).strip())
    return Cleaned(text=_join(kept), removed=removed)


def _join(lines: list[str]) -> str:
    """Lines joined by `\\n`, a run of blank lines becoming one, none at the ends."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)
