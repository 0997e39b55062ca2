"""A small knowledge base of real-world actors: `kb/*.tsv` data, read once per process.

Files (plain UTF-8, TAB-separated, `#` comment lines; read with `wirelens.lang.read_tsv`):

- `actors.tsv`: id, type (PER/ORG/MISC), ISO 3166 alpha-3 country (empty: international), name.
- `aliases.tsv`: id, language (fr, en or * for any), alias. The preferred name is an alias too.
- `offices.tsv`: id, office, place (ISO3 or an organisation id), start, end (empty: in office),
  title. Its header states the knowledge cut-off (`# cut-off: YYYY-MM-DD`).
- `countries.tsv`: ISO3, leader office, capital in English, capital in French.
- `country_names.tsv`: ISO3, language, name — only names that pycountry and Babel lack.
- `seats.tsv`: form, language, ISO3, office — seats of power used for an office ("Kremlin").
- `titles.tsv`: form, kind (title or article), language — words stripped before a name.
- `territories.tsv`: territory ISO3, state ISO3 — overseas parts of a state ("NCL" → "FRA").
- `places.tsv`: folded name, ISO3 — towns and cities of at least 15,000 people (GeoNames, made
  by `tools/make_places.py`), to place a dateline or a story in its country.

Country codes and common country names come from pycountry and Babel, not from these files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from wirelens.lang import read_tsv

KB_ROOT = Path(__file__).parent
_CUTOFF = re.compile(r"#\s*cut-off:\s*(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class KbActor:
    id: str
    type: str
    country: str | None
    name: str


@dataclass(frozen=True)
class Office:
    actor: str
    office: str
    place: str  # ISO3 or an organisation id of actors.tsv
    start: str
    end: str  # "" while in office
    title: str


@dataclass(frozen=True)
class Country:
    iso3: str
    leader: str  # the office of the country's top leader (head_of_state, head_of_government…)
    capitals: dict[str, tuple[str, ...]]  # language -> capital names


@dataclass(frozen=True)
class Seat:
    form: str
    lang: str
    iso3: str
    office: str


def kb_path(name: str) -> Path:
    return KB_ROOT / name


@cache
def actors() -> dict[str, KbActor]:
    """KB actors by id (the slug of the preferred name)."""
    return {
        r[0]: KbActor(id=r[0], type=r[1], country=r[2] or None, name=r[3])
        for r in read_tsv(kb_path("actors.tsv"))
    }


@cache
def aliases() -> tuple[tuple[str, str, str], ...]:
    """(actor id, language, alias) rows; the preferred names are added with language "*"."""
    rows = [(a.id, "*", a.name) for a in actors().values()]
    rows += [(r[0], r[1], r[2]) for r in read_tsv(kb_path("aliases.tsv"))]
    return tuple(rows)


@cache
def offices() -> tuple[Office, ...]:
    return tuple(
        Office(
            actor=r[0],
            office=r[1],
            place=r[2],
            start=r[3],
            end=r[4] if len(r) > 4 else "",
            title=r[5] if len(r) > 5 else r[1].replace("_", " "),
        )
        for r in read_tsv(kb_path("offices.tsv"))
    )


@cache
def territories() -> dict[str, str]:
    """Territory ISO3 -> ISO3 of the state it is part of."""
    return {row[0]: row[1] for row in read_tsv(kb_path("territories.tsv")) if len(row) >= 2}


@cache
def places() -> dict[str, str]:
    """Folded town or city name -> ISO3 of its country."""
    return {row[0]: row[1] for row in read_tsv(kb_path("places.tsv")) if len(row) >= 2}


@cache
def cutoff() -> str | None:
    """The knowledge cut-off stated in the header of offices.tsv (last change included)."""
    text = kb_path("offices.tsv").read_text(encoding="utf-8")
    match = _CUTOFF.search(text)
    return match.group(1) if match else None


@cache
def countries() -> dict[str, Country]:
    out = {}
    for r in read_tsv(kb_path("countries.tsv")):
        r = r + [""] * (4 - len(r))
        caps = {
            lang: tuple(c.strip() for c in field.split(";") if c.strip())
            for lang, field in (("en", r[2]), ("fr", r[3]))
        }
        out[r[0]] = Country(iso3=r[0], leader=r[1], capitals=caps)
    return out


@cache
def extra_country_names() -> tuple[tuple[str, str, str], ...]:
    """(ISO3, language, name) rows of country_names.tsv."""
    return tuple((r[0], r[1], r[2]) for r in read_tsv(kb_path("country_names.tsv")))


@cache
def seats() -> tuple[Seat, ...]:
    return tuple(
        Seat(form=r[0], lang=r[1], iso3=r[2], office=r[3] if len(r) > 3 else "")
        for r in read_tsv(kb_path("seats.tsv"))
    )


@cache
def name_affixes() -> tuple[tuple[str, str, str], ...]:
    """(form, kind, language) rows of titles.tsv: kind is "title" or "article"."""
    return tuple((r[0], r[1], r[2] if len(r) > 2 else "*") for r in read_tsv(kb_path("titles.tsv")))
