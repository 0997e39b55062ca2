"""Canonical actors: one stable id per real-world actor, across articles, languages and processes.

An article gives names as written ("M. Poutine", "Vladimir Putin", "l'Otan") and, for unnamed
speakers, descriptions ("le président russe", "le chef de la diplomatie chinoise"). The resolver
maps each to a `CanonicalActor` whose id is computed from data alone, with no database:

- `kb:<slug>`: an actor of the knowledge base (`wirelens/kb/`), found by a unique alias in any
  language ("Poutine" = "Putin" = "Vladimir Poutine"), or, for a description, as the holder of an
  office on the article's date ("le président américain" in 2018 = Donald Trump);
- `country:<ISO3>`: a country named in French or English (pycountry, Babel) or a seat of power
  used for its state ("le Kremlin");
- `name:<slug>`: any other name, normalised (accents folded, titles stripped). A bare surname
  that is not a unique KB alias ("Johnson") keeps its own id and is never merged.

Descriptions resolve only when they are definite, name one country or organisation (demonym,
country name, seat of power, or organisation alias), a known office, and nothing else, and
exactly one person held that office on the date. Anything else gives None.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import pycountry
from babel import Locale, UnknownLocaleError

from wirelens import kb
from wirelens.lang import LANG_ROOT, available_languages, read_tsv
from wirelens.quotes.lexicon import fold, load_lexicon


@dataclass(frozen=True)
class CanonicalActor:
    id: str  # "kb:vladimir-putin", "name:boris-johnson", "country:RUS"
    name: str  # display name: KB preferred name, else the name as given (titles stripped)
    type: str  # PER, ORG, LOC or MISC (for unknown names: the type given)
    country: str | None  # ISO 3166 alpha-3 the actor acts for, None if unknown/international
    roles: tuple[str, ...] = ()  # human-readable KB roles: "president of Russia (2012-05-07–)"
    aliases: tuple[str, ...] = ()  # KB aliases (all languages), empty for non-KB actors


# ---------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+")
# letters NFKD does not decompose into a base letter and a mark
_EXTRA = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"}
)
_DATE = re.compile(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_EDGES = " \t\n\"'«»“”‘’„‹›()[],;:.!?-–—"

_TYPES = {
    "PER": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "LOC": "LOC",
    "GPE": "LOC",
    "FAC": "LOC",
    "MISC": "MISC",
    "DESC": "MISC",
    "NORP": "MISC",
}

# How a role office of a description names the offices of an organisation: "le chef de l'Otan"
# (leader) is its secretary general, "le président de la Commission" its president.
HEAD_OFFICES = frozenset(
    {"secretary_general", "president", "director_general", "managing_director", "political_leader"}
)
_ORG_OFFICES = {
    "leader": HEAD_OFFICES,
    "head_of_state": frozenset({"president"}),
    "director_general": frozenset({"director_general", "managing_director"}),
}


@lru_cache(maxsize=131072)
def _fold_token(token: str) -> str:
    return "".join(_TOKEN.findall(fold(token).translate(_EXTRA)))


@lru_cache(maxsize=131072)
def _tokens(text: str) -> tuple[tuple[str, str], ...]:
    """(as written, folded) word pairs; punctuation, hyphens and apostrophes separate words."""
    out = []
    for tok in _TOKEN.findall(unicodedata.normalize("NFC", text)):
        folded = _fold_token(tok)
        if folded:
            out.append((tok, folded))
    return tuple(out)


def _words(text: str) -> tuple[str, ...]:
    return tuple(f for _, f in _tokens(text))


@cache
def _affix_pattern() -> re.Pattern[str]:
    """Titles ("M.", "Mme", "Dr", "Sir") and lower-case articles ("la", "l'") before a name."""
    titles = {
        r[0] for code in available_languages() for r in read_tsv(LANG_ROOT / code / "titles.txt")
    }
    articles = set()
    for form, kind, _lang in kb.name_affixes():
        (titles if kind == "title" else articles).add(form)
    title_alts = sorted({t.rstrip(".") for t in titles}, key=len, reverse=True)
    parts = [re.escape(t) + r"(?:\.\s*|\s+)" for t in title_alts]
    for art in sorted(articles, key=len, reverse=True):
        if art.endswith("'"):
            parts.append(re.escape(art[:-1]) + r"['’]\s*")
        else:
            parts.append(re.escape(art) + r"\s+")
    return re.compile("(?:" + "|".join(parts) + ")")


@cache
def _article_words() -> frozenset[str]:
    return frozenset(_fold_token(f) for f, kind, _ in kb.name_affixes() if kind == "article")


@lru_cache(maxsize=131072)
def _strip_affixes(name: str) -> str:
    """The name without surrounding punctuation, leading titles and lower-case articles."""
    text = " ".join(unicodedata.normalize("NFC", name).split()).strip(_EDGES)
    pattern = _affix_pattern()
    for _ in range(4):
        match = pattern.match(text)
        if not match or not _TOKEN.search(text[match.end() :]):
            break
        text = text[match.end() :].strip(_EDGES)
    return text


def slug(name: str) -> str:
    """Stable key of a name: accents folded, lower case, titles stripped, words joined by "-".

    "M. Vladimir Poutine" -> "vladimir-poutine"; "Jean-Luc Mélenchon" -> "jean-luc-melenchon";
    "l'Otan" -> "otan". The same name always gives the same slug, in any process.
    """
    return "-".join(_words(_strip_affixes(name)))


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _acronym(form: str) -> bool:
    """An all-capitals short form ("UN", "US", "EU", "WHO") that must be written in capitals."""
    letters = [c for c in form if c.isalpha()]
    return 0 < len(letters) <= 5 and _is_upper(form) and " " not in form.strip()


def _date_span(date: str | None) -> tuple[str, str] | None:
    """(first, last) ISO day of a date, month or year string; None when there is none."""
    if not date:
        return None
    match = _DATE.match(str(date))
    if not match:
        return None
    year, month, day = match.groups()
    if day:
        value = f"{year}-{month}-{day}"
        return value, value
    if month:
        return f"{year}-{month}-01", f"{year}-{month}-31"
    return f"{year}-01-01", f"{year}-12-31"


# ---------------------------------------------------------------------------------------------
# Knowledge base indexes (built once per process)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _AliasEntry:
    guarded: bool  # an acronym: matches only text written in capitals
    langs: frozenset[str]
    single: bool  # a one-word alias (a bare surname)


@cache
def _alias_index() -> dict[str, dict[str, _AliasEntry]]:
    index: dict[str, dict[str, _AliasEntry]] = {}
    for actor_id, lang, alias in kb.aliases():
        key = slug(alias)
        if not key:
            continue
        entries = index.setdefault(key, {})
        old = entries.get(actor_id)
        guarded = _acronym(alias)
        entries[actor_id] = _AliasEntry(
            guarded=guarded and (old is None or old.guarded),
            langs=frozenset({lang}) | (old.langs if old else frozenset()),
            single="-" not in key,
        )
    return index


@cache
def _first_names() -> dict[str, frozenset[str]]:
    """First words of the several-word aliases of each KB person ("vladimir" for Putin)."""
    actors = kb.actors()
    out: dict[str, set[str]] = {}
    for actor_id, _lang, alias in kb.aliases():
        words = _words(_strip_affixes(alias))
        if len(words) > 1 and actors[actor_id].type == "PER":
            out.setdefault(actor_id, set()).add(words[0])
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _holders() -> dict[tuple[str, str], tuple[kb.Office, ...]]:
    out: dict[tuple[str, str], list[kb.Office]] = {}
    for row in kb.offices():
        out.setdefault((row.office, row.place), []).append(row)
    return {k: tuple(v) for k, v in out.items()}


@cache
def _alpha3() -> dict[str, str]:
    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


@cache
def _babel_names(lang: str) -> dict[str, str]:
    """ISO3 -> Babel's common name of each country in a language."""
    try:
        territories = Locale.parse(lang).territories
    except (UnknownLocaleError, ValueError):
        return {}
    a3 = _alpha3()
    return {a3[code]: name for code, name in territories.items() if code in a3}


@cache
def country_name(iso3: str, lang: str = "en") -> str:
    """Common name of a country (Babel), else pycountry's name, else the code itself."""
    name = _babel_names(lang).get(iso3)
    if name:
        return name
    country = pycountry.countries.get(alpha_3=iso3)
    return getattr(country, "common_name", None) or (country.name if country else iso3)


def _add(index: dict, key: tuple[str, ...], value) -> None:
    """Put a value under a key; two different values make the key ambiguous (None)."""
    if not key:
        return
    if key in index and index[key] != value:
        index[key] = None
    else:
        index[key] = value


@cache
def _country_names(lang: str) -> dict[tuple[str, ...], tuple[str, bool] | None]:
    """Folded words of a country name in a language -> (ISO3, acronym guard)."""
    index: dict = {}
    for iso3, name in _babel_names(lang).items():
        _add(index, _words(name), (iso3, False))
        if "(" in name:  # "Myanmar (Birmanie)"
            _add(index, _words(name.split("(")[0]), (iso3, False))
    if lang == "en":
        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value and "," not in value:
                    _add(index, _words(value), (country.alpha_3, False))
    for iso3, name_lang, name in kb.extra_country_names():
        if name_lang in (lang, "*"):
            _add(index, _words(name), (iso3, _acronym(name)))
    return index


@dataclass(frozen=True)
class _Place:
    iso3: str
    kind: str  # name, demonym, capital or seat
    office: str  # the office a seat stands for ("" if none)
    guarded: bool


@cache
def _subdivisions() -> dict[str, str]:
    """Folded name of a first- or second-level subdivision (pycountry) -> ISO3 of its
    country; a name two countries share is left out."""
    out: dict[str, str | None] = {}
    for sub in pycountry.subdivisions:
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None:
            continue
        for name in sub.name.split(","):  # "Bruxelles-Capitale, Région de"
            key = fold(name).strip()
            if len(key) >= 3:
                out[key] = (
                    country.alpha_3 if out.get(key, country.alpha_3) == country.alpha_3 else None
                )
    return {k: v for k, v in out.items() if v}


@cache
def _place_forms(lang: str) -> dict[tuple[str, ...], _Place]:
    """Every word sequence that names a country in a language: names, demonyms, capitals, seats."""
    index: dict = {}
    for key, value in _country_names(lang).items():
        if value:
            _add(index, key, _Place(value[0], "name", "", value[1]))
    lex = load_lexicon(lang)
    for form, iso3 in lex.countries.items():
        if _words(form) not in index:
            _add(index, _words(form), _Place(iso3, "demonym", "", False))
    for country in kb.countries().values():
        for capital in country.capitals.get(lang, ()):
            key = _words(capital)
            old = index.get(key, _Place(country.iso3, "demonym", "", False))
            if old and old.kind == "demonym" and old.iso3 == country.iso3:
                index[key] = _Place(country.iso3, "capital", "", False)  # a name stays a name
    for seat in kb.seats():
        if seat.lang in (lang, "*"):
            index[_words(seat.form)] = _Place(seat.iso3, "seat", seat.office, _acronym(seat.form))
    return {k: v for k, v in index.items() if v is not None}


@cache
def _name_places() -> dict[str, tuple[str, str, bool]]:
    """Slug of a place name in any language -> ("country" or "city", ISO3, acronym guard)."""
    out: dict[str, tuple[str, str, bool] | None] = {}

    def put(key: str, kind: str, iso3: str, guarded: bool) -> None:
        if not key:
            return
        old = out.get(key, (kind, iso3, guarded))
        if old is None or old[:2] != (kind, iso3):
            out[key] = None  # one name for two places
        else:
            out[key] = (kind, iso3, guarded and old[2])

    for lang in sorted({"en", "fr", *available_languages()}):
        for words, value in _country_names(lang).items():
            if value:
                put("-".join(words), "country", value[0], value[1])
    for seat in kb.seats():
        put(slug(seat.form), "country", seat.iso3, _acronym(seat.form))
    countries = dict(out)
    for country in kb.countries().values():
        for capitals in country.capitals.values():
            for capital in capitals:
                if slug(capital) not in countries:  # "Mexico", "Luxembourg": the country
                    put(slug(capital), "city", country.iso3, False)
    return {k: v for k, v in out.items() if v is not None}


@cache
def _org_forms() -> dict[tuple[str, ...], tuple[str, bool]]:
    """Folded words of an organisation alias (any language) -> (actor id, acronym guard)."""
    actors = kb.actors()
    index: dict = {}
    for actor_id, _lang, alias in kb.aliases():
        if actors[actor_id].type != "ORG":
            continue
        key = _words(_strip_affixes(alias))
        guarded = _acronym(alias)
        old = index.get(key)
        if old and old[0] == actor_id:
            index[key] = (actor_id, old[1] and guarded)
        else:
            _add(index, key, (actor_id, guarded))
    return {k: v for k, v in index.items() if v is not None}


@dataclass(frozen=True)
class _Role:
    office: str
    titles: tuple[str, ...]  # the holder's title must contain one of these ("president")
    place: str  # the only country or organisation the role can be of ("VAT" for the pope)


@cache
def _roles(lang: str) -> tuple[dict[tuple[str, ...], _Role], frozenset[str]]:
    """Role nouns of lang/<lang>/offices.tsv -> office; and the filler words ("-" rows)."""
    roles: dict[tuple[str, ...], _Role] = {}
    fillers: set[str] = set()
    for row in read_tsv(LANG_ROOT / lang / "offices.tsv"):
        row = row + [""] * (4 - len(row))
        if row[1] == "-":
            fillers.update(_words(row[0]))
            continue
        titles = tuple(t.strip().lower() for t in row[2].split("|") if t.strip())
        roles[_words(row[0])] = _Role(office=row[1], titles=titles, place=row[3])
    return roles, frozenset(fillers)


def _longest(index: dict) -> int:
    return max((len(k) for k in index), default=0)


@cache
def _role_words() -> frozenset[str]:
    """Words of any role noun, to read "Président Macron" or "King Charles III" as a name."""
    words: set[str] = set()
    for lang in available_languages():
        roles, fillers = _roles(lang)
        for key in roles:
            words.update(w for w in key if w not in fillers)
    return frozenset(words)


def _role_text(row: kb.Office) -> str:
    actors = kb.actors()
    if " of " in row.title:
        text = row.title
    else:
        place = actors[row.place].name if row.place in actors else country_name(row.place)
        text = f"{row.title} of {place}"
    return f"{text} ({row.start}–{row.end})"


@cache
def _kb_canonical(actor_id: str) -> CanonicalActor:
    actor = kb.actors()[actor_id]
    rows = sorted((r for r in kb.offices() if r.actor == actor_id), key=lambda r: r.start)
    seen: dict[str, None] = {}
    for other_id, _lang, alias in kb.aliases():
        if other_id == actor_id:
            seen.setdefault(alias, None)
    return CanonicalActor(
        id=f"kb:{actor_id}",
        name=actor.name,
        type=actor.type,
        country=actor.country,
        roles=tuple(_role_text(r) for r in rows),
        aliases=tuple(seen),
    )


@cache
def _country_canonical(iso3: str) -> CanonicalActor:
    return CanonicalActor(id=f"country:{iso3}", name=country_name(iso3), type="LOC", country=iso3)


@cache
def _city_canonical(iso3: str) -> CanonicalActor:
    """A capital, under its first English name whatever the language ("Moscou" = "Moscow")."""
    capitals = kb.countries()[iso3].capitals
    english = (capitals.get("en") or capitals.get("fr"))[0]
    return CanonicalActor(id=f"name:{slug(english)}", name=english, type="LOC", country=iso3)


# ---------------------------------------------------------------------------------------------
# The resolver
# ---------------------------------------------------------------------------------------------


class ActorResolver:
    """Resolves names and descriptions to canonical actors; build once (see `resolver`)."""

    def __init__(self, lang: str = "fr") -> None:
        self.lang = (lang or "fr").lower()
        self._name = lru_cache(maxsize=65536)(self._resolve_name)
        self._description = lru_cache(maxsize=65536)(self._resolve_description)

    # -- public ----------------------------------------------------------------------------

    def resolve(
        self,
        name: str,
        type: str | None = None,
        *,
        kind: str = "name",
        date: str | None = None,
        lang: str | None = None,
    ) -> CanonicalActor | None:
        """kind is the Mention kind. description → role+country+date lookup (None if not
        resolvable); pronoun/implicit/none → None; name/partial_name → KB alias match (unique)
        or country match (for LOC/GPE-like names: "Russie", "Russia", "la France") or a
        name:<slug> actor. date is an ISO date or datetime string ("2022-05-03",
        "2022-05-03T10:00:00+02:00") or None."""
        if not name or not name.strip() or kind in ("pronoun", "implicit", "none"):
            return None
        lang = (lang or self.lang).lower()
        type_ = (type or "").upper()
        if kind == "description" or type_ == "DESC":
            span = _date_span(date)
            return self._description(name, span, lang) if span else None
        return self._name(name, _TYPES.get(type_, type_) or None, lang)

    def country_of(self, text: str, lang: str | None = None) -> str | None:
        """ISO3 of a country name, demonym, capital or seat of power in that language, else None."""
        lang = (lang or self.lang).lower()
        tokens = _tokens(_strip_affixes(text))
        found = self._country_of_tokens(tokens, lang)
        if found is None and len(tokens) > 1 and tokens[0][1] in _article_words():
            found = self._country_of_tokens(tokens[1:], lang)  # "La France" opening a sentence
        return found

    def place_country(self, text: str, lang: str | None = None) -> str | None:
        """ISO3 of the country a place is in: a country, capital or seat (`country_of`), a
        town of the GeoNames list ("Landerneau", "Rouyn-Noranda") or a region, province,
        department or canton that only one country has ("Finistère", "Québec", "Hainaut")."""
        found = self.country_of(text, lang)
        if found is not None:
            return found
        key = fold(_strip_affixes(text)).strip()
        return kb.places().get(key) or _subdivisions().get(key)

    @staticmethod
    def _country_of_tokens(tokens, lang: str) -> str | None:
        if not tokens:
            return None
        upper = all(_is_upper(o) for o, _ in tokens)
        place = _place_forms(lang).get(tuple(f for _, f in tokens))
        if place and (not place.guarded or upper):
            return place.iso3
        hit = _name_places().get("-".join(f for _, f in tokens))
        if hit and (not hit[2] or upper):
            return hit[1]
        return None

    def by_id(self, actor_id: str) -> CanonicalActor | None:
        """The actor of a "kb:" or "country:" id (other ids carry no data)."""
        prefix, _, rest = actor_id.partition(":")
        if prefix == "kb" and rest in kb.actors():
            return _kb_canonical(rest)
        if prefix == "country" and pycountry.countries.get(alpha_3=rest):
            return _country_canonical(rest)
        return None

    # -- names -----------------------------------------------------------------------------

    def _alias_hit(self, key: str, upper: bool, type_: str | None, lang: str) -> str | None:
        entries = _alias_index().get(key)
        if not entries:
            return None
        actors = kb.actors()
        found = []
        for actor_id, entry in entries.items():
            if entry.guarded and not upper:
                continue
            actor_type = actors[actor_id].type
            if actor_type != "PER" and type_ == "PER":
                continue  # "Wagner" the composer is not the Wagner group
            if actor_type == "PER" and type_ == "LOC" and entry.single:
                continue  # "Hollande" the place is not François Hollande
            found.append((actor_id, entry))
        if len(found) > 1:
            found = [f for f in found if lang in f[1].langs or "*" in f[1].langs]
        return found[0][0] if len(found) == 1 else None

    def _kb_match(self, name: str, key: str, type_: str | None, lang: str) -> str | None:
        upper = _is_upper(_strip_affixes(name))
        hit = self._alias_hit(key, upper, type_, lang)
        if hit or type_ not in (None, "PER", "MISC"):
            return hit
        words = key.split("-")
        # a role word before the name: "Président Macron", "King Charles III"
        role_words = _role_words()
        start = 0
        while start < len(words) - 1 and start < 3 and words[start] in role_words:
            start += 1
            hit = self._alias_hit("-".join(words[start:]), upper, "PER", lang)
            if hit and kb.actors()[hit].type == "PER":
                return hit
        # first name + a unique surname alias: "Vladimir Vladimirovitch Poutine"
        actors = kb.actors()
        for n in (3, 2, 1):
            if len(words) <= n:
                continue
            entries = _alias_index().get("-".join(words[-n:]), {})
            people = [i for i, e in entries.items() if actors[i].type == "PER" and not e.guarded]
            if len(people) == 1 and words[0] in _first_names().get(people[0], ()):
                return people[0]
        return None

    def _resolve_name(self, name: str, type_: str | None, lang: str) -> CanonicalActor | None:
        key = slug(name)
        if not key:
            return None
        hit = self._kb_match(name, key, type_, lang)
        if hit:
            return _kb_canonical(hit)
        if type_ != "PER":
            place = self._place_named(name, lang)
            if place:
                kind, iso3 = place
                return _country_canonical(iso3) if kind == "country" else _city_canonical(iso3)
        display = _strip_affixes(name)
        country = None
        if type_ in ("ORG", "MISC"):
            codes = {
                p.iso3
                for p in self._places_in(_tokens(display), lang)
                if isinstance(p, _Place) and p.kind != "capital"
            }
            country = codes.pop() if len(codes) == 1 else None
        return CanonicalActor(
            id=f"name:{key}",
            name=display,
            type=_TYPES.get(type_ or "", "MISC"),
            country=country,
        )

    @staticmethod
    def _place_named(name: str, lang: str) -> tuple[str, str] | None:
        """("country" or "city", ISO3) of a place name: the language's names first, then any."""
        bare = _strip_affixes(name)
        tokens = _tokens(bare)
        upper = _is_upper(bare)
        place = _place_forms(lang).get(tuple(f for _, f in tokens))
        if place and place.kind != "demonym" and (not place.guarded or upper):
            return ("city" if place.kind == "capital" else "country"), place.iso3
        hit = _name_places().get("-".join(f for _, f in tokens))
        if hit and (not hit[2] or upper):
            return hit[0], hit[1]
        return None

    # -- descriptions ----------------------------------------------------------------------

    def _places_in(self, tokens, lang: str, used: list[bool] | None = None) -> list:
        """Countries (and organisations) named in a token sequence, longest forms first."""
        forms = _place_forms(lang)
        orgs = _org_forms()
        longest = max(_longest(forms), _longest(orgs))
        found = []
        i = 0
        while i < len(tokens):
            for length in range(min(longest, len(tokens) - i), 0, -1):
                part = tokens[i : i + length]
                key = tuple(f for _, f in part)
                upper = all(_is_upper(o) for o, _ in part)
                org = orgs.get(key)
                if org and (not org[1] or upper):
                    found.append(org[0])
                    break
                place = forms.get(key)
                if place and (not place.guarded or upper):
                    found.append(place)
                    break
            else:
                i += 1
                continue
            if used is not None:
                for k in range(i, i + length):
                    used[k] = True
            i += length
        return found

    def _resolve_description(
        self, text: str, span: tuple[str, str], lang: str
    ) -> CanonicalActor | None:
        roles, fillers = _roles(lang)
        if not roles:
            return None
        tokens = _tokens(text)
        used = [False] * len(tokens)
        found = self._places_in(tokens, lang, used)
        rest = [f for (_, f), u in zip(tokens, used, strict=True) if not u]
        best = None
        for length in range(min(_longest(roles), len(rest)), 0, -1):
            for start in range(len(rest) - length + 1):
                role = roles.get(tuple(rest[start : start + length]))
                if role:
                    best = (start, length, role)
                    break
            if best:
                break
        if not best:
            return None
        start, length, role = best
        if any(w not in fillers for w in rest[:start] + rest[start + length :]):
            return None  # "l'ancien président", "un porte-parole", "le chef de l'armée"
        places = {p if isinstance(p, str) else p.iso3 for p in found}
        seat_offices = {p.office for p in found if not isinstance(p, str) and p.office}
        if role.place:
            if not places:
                places = {role.place}
            elif places != {role.place}:
                return None
        if len(places) != 1 or len(seat_offices) > 1:
            return None
        place = places.pop()
        seat_office = seat_offices.pop() if seat_offices else ""
        if place in kb.actors():
            wanted = _ORG_OFFICES.get(role.office, frozenset({role.office}))
            rows = [r for office in wanted for r in _holders().get((office, place), ())]
            titles: tuple[str, ...] = ()
        else:
            office = role.office
            if office == "spokesperson":
                if not seat_office:
                    return None  # "le porte-parole russe": of what?
                office = (
                    "spokesperson"
                    if seat_office in ("head_of_state", "leader")
                    else f"{seat_office}_spokesperson"
                )
            elif office == "leader":
                office = seat_office or "leader"
            if office == "leader":
                country = kb.countries().get(place)
                if country is None:
                    return None
                office = country.leader
            rows = list(_holders().get((office, place), ()))
            titles = role.titles
        first, last = span
        ids = {
            r.actor
            for r in rows
            if r.start <= last
            and (not r.end or r.end >= first)
            and (not titles or any(t in r.title.lower() for t in titles))
        }
        return _kb_canonical(ids.pop()) if len(ids) == 1 else None


@cache
def resolver(lang: str = "fr") -> ActorResolver:
    """The process-wide resolver of a language."""
    return ActorResolver(lang)
