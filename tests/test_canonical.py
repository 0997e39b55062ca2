"""Canonical actors: stable ids across articles and languages, descriptions resolved by date,
and the knowledge base data itself. Fast: no spaCy model is loaded."""

from __future__ import annotations

import re
from collections import defaultdict

import pycountry
import pytest

from wirelens import kb
from wirelens.actors.canonical import ActorResolver, CanonicalActor, resolver, slug
from wirelens.lang import LANG_ROOT, read_tsv
from wirelens.quotes.lexicon import load_lexicon

FR = resolver("fr")
EN = resolver("en")


def rid(name, type=None, *, kind="name", date=None, lang="fr"):
    actor = (FR if lang == "fr" else EN).resolve(name, type, kind=kind, date=date, lang=lang)
    return actor.id if actor else None


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "type", "expected"),
    [
        (
            [
                ("Vladimir Poutine", "fr"),
                ("Poutine", "fr"),
                ("M. Poutine", "fr"),
                ("Vladimir Vladimirovitch Poutine", "fr"),
                ("Vladimir Putin", "en"),
                ("Putin", "en"),
                ("Mr Putin", "en"),
                ("Mr. Putin", "en"),
            ],
            "PER",
            "kb:vladimir-putin",
        ),
        (
            [
                ("CCTV", "fr"),
                ("China Central Television", "en"),
                ("Télévision centrale de Chine", "fr"),
            ],
            "ORG",
            "kb:china-central-television",
        ),
        (
            [("ONU", "fr"), ("l'ONU", "fr"), ("Nations unies", "fr"), ("United Nations", "en")],
            "ORG",
            "kb:united-nations",
        ),
        ([("Otan", "fr"), ("OTAN", "fr"), ("l'Otan", "fr"), ("NATO", "en")], "ORG", "kb:nato"),
        ([("UE", "fr"), ("Union européenne", "fr"), ("EU", "en")], "ORG", "kb:european-union"),
        (
            [
                ("Volodymyr Zelensky", "fr"),
                ("Zelensky", "fr"),
                ("Zelenskyy", "en"),
                ("Zelenski", "fr"),
                ("Volodymyr Zelenskyy", "en"),
            ],
            "PER",
            "kb:volodymyr-zelensky",
        ),
        ([("Xi Jinping", "fr"), ("Xi", "fr"), ("M. Xi", "fr")], "PER", "kb:xi-jinping"),
        (
            [("Recep Tayyip Erdogan", "fr"), ("Erdoğan", "en"), ("Erdogan", "fr")],
            "PER",
            "kb:recep-tayyip-erdogan",
        ),
        (
            [("Joe Biden", "en"), ("Biden", "fr"), ("Joseph Robinette Biden", "en")],
            "PER",
            "kb:joe-biden",
        ),
        ([("Président Macron", "fr"), ("Emmanuel Macron", "fr")], "PER", "kb:emmanuel-macron"),
        ([("Sir Keir Starmer", "en"), ("Keir Starmer", "fr")], "PER", "kb:keir-starmer"),
    ],
)
def test_name_variants_share_an_id(names, type, expected):
    for name, lang in names:
        assert rid(name, type, lang=lang) == expected, name


def test_people_sharing_a_surname_stay_apart():
    boris = rid("Boris Johnson", "PER")
    dwayne = rid("Dwayne Johnson", "PER")
    bare = rid("Johnson", "PER")
    assert boris == "kb:boris-johnson"
    assert dwayne == "name:dwayne-johnson"
    assert bare == "name:johnson"
    assert len({boris, dwayne, bare}) == 3
    # relatives of a KB person do not take the person's id
    assert rid("Ivanka Trump", "PER") == "name:ivanka-trump"
    assert rid("Donald Trump Jr.", "PER") == "name:donald-trump-jr"
    assert rid("Brigitte Macron", "PER") == "name:brigitte-macron"
    assert rid("Trump", "PER") == "kb:donald-trump"


def test_unknown_names_get_a_slug_id():
    actor = FR.resolve("M. Jean-Pierre Dupont", "PER")
    assert actor == CanonicalActor(
        id="name:jean-pierre-dupont", name="Jean-Pierre Dupont", type="PER", country=None
    )
    assert rid("Jean-Pierre DUPONT", "PER") == rid("jean pierre dupont", "PER")
    assert FR.resolve("Xyz Corp", "ORG").type == "ORG"
    assert FR.resolve("Quelque chose", "DESC", kind="name") is None  # a DESC is a description
    assert FR.resolve("Quelque chose", None).type == "MISC"
    assert FR.resolve("Russie", "GPE") == FR.resolve("Russie", "LOC")
    assert FR.resolve("Jean Dupont", "PERSON").type == "PER"
    assert FR.resolve("Mondial 2026", "EVENT").type == "MISC"
    # an organisation's country is read from its name when one state is named
    assert FR.resolve("ministère russe des Affaires étrangères", "ORG").country == "RUS"


def test_acronyms_match_only_in_capitals():
    assert rid("US", "LOC", lang="en") == "country:USA"
    assert rid("us", "LOC", lang="en") == "name:us"
    assert rid("AP", "ORG") == "kb:associated-press"
    assert rid("Ap", "ORG") == "name:ap"


def test_type_guards():
    assert rid("Wagner", "ORG") == "kb:wagner-group"
    assert rid("Wagner", "PER") == "name:wagner"  # the composer is not the group
    assert rid("Hollande", "PER") == "kb:francois-hollande"
    assert rid("Hollande", "LOC") != "kb:francois-hollande"


def test_kb_actor_fields():
    putin = FR.resolve("Poutine", "PER")
    assert putin.name == "Vladimir Putin"
    assert putin.type == "PER"
    assert putin.country == "RUS"
    assert "president of Russia (2012-05-07–)" in putin.roles
    assert {"Putin", "Poutine", "Vladimir Putin"} <= set(putin.aliases)
    guterres = FR.resolve("Guterres", "PER")
    assert guterres.country is None  # international official
    assert FR.by_id("kb:vladimir-putin") == putin
    assert FR.by_id("country:RUS").name == "Russia"
    assert FR.by_id("name:johnson") is None


def test_pronouns_and_empty_names_are_not_actors():
    for kind in ("pronoun", "implicit", "none"):
        assert FR.resolve("il", "PER", kind=kind, date="2022-01-01") is None
    assert FR.resolve("", "PER") is None
    assert FR.resolve("  ", "PER") is None


# --- countries --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "lang", "expected"),
    [
        ("Russie", "fr", "country:RUS"),
        ("la Russie", "fr", "country:RUS"),
        ("Russia", "en", "country:RUS"),
        ("la France", "fr", "country:FRA"),
        ("États-Unis", "fr", "country:USA"),
        ("les Etats-Unis", "fr", "country:USA"),
        ("United States", "en", "country:USA"),
        ("Royaume-Uni", "fr", "country:GBR"),
        ("UK", "en", "country:GBR"),
        ("Chine", "fr", "country:CHN"),
        ("Kremlin", "fr", "country:RUS"),
        ("le Kremlin", "fr", "country:RUS"),
        ("White House", "en", "country:USA"),
        ("Moscou", "fr", "name:moscow"),
        ("Moscow", "en", "name:moscow"),
    ],
)
def test_place_names(name, lang, expected):
    actor = (FR if lang == "fr" else EN).resolve(name, "LOC", lang=lang)
    assert actor.id == expected
    assert actor.type == "LOC"
    assert actor.country == expected.split(":")[1] if expected.startswith("country") else True


def test_capital_is_a_city_of_its_country():
    moscow = FR.resolve("Moscou", "LOC")
    assert (moscow.name, moscow.country) == ("Moscow", "RUS")
    assert rid("Kiev", "LOC") == rid("Kyiv", "LOC") == rid("Kyiv", "LOC", lang="en") == "name:kyiv"
    # a name is read in the article's language first: "Mexico" is the city in French
    assert rid("Mexico", "LOC") == "name:mexico-city"
    assert rid("Mexico", "LOC", lang="en") == "country:MEX"
    assert rid("Luxembourg", "LOC") == "country:LUX"


def test_a_person_is_never_a_country():
    assert rid("Jordan", "PER", lang="en") == "name:jordan"
    assert rid("Jordan", "LOC", lang="en") == "country:JOR"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Russie", "fr", "RUS"),
        ("la Russie", "fr", "RUS"),
        ("La Russie", "fr", "RUS"),
        ("russe", "fr", "RUS"),
        ("Russia", "en", "RUS"),
        ("Russian", "en", "RUS"),
        ("Allemagne", "fr", "DEU"),
        ("Germany", "en", "DEU"),
        ("allemande", "fr", "DEU"),
        ("Moscou", "fr", "RUS"),
        ("Moscow", "en", "RUS"),
        ("Kremlin", "fr", "RUS"),
        ("Maison Blanche", "fr", "USA"),
        ("Kyiv", "en", "UKR"),
        ("Kiev", "fr", "UKR"),
        ("Pékin", "fr", "CHN"),
        ("Beijing", "en", "CHN"),
        ("Le Caire", "fr", "EGY"),
        ("nord-coréen", "fr", "PRK"),
        ("North Korean", "en", "PRK"),
        ("Côte d'Ivoire", "fr", "CIV"),
        ("Zorglubie", "fr", None),
        ("", "fr", None),
    ],
)
def test_country_of(text, lang, expected):
    assert FR.country_of(text, lang) == expected


# --- descriptions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("Le président russe", "2022-05-03", "kb:vladimir-putin"),
        ("le président russe", "2022-05-03T10:00:00+02:00", "kb:vladimir-putin"),
        ("le président russe", "2010-01-01", "kb:dmitry-medvedev"),
        ("le président américain", "2022-05-03", "kb:joe-biden"),
        ("le président américain", "2018-03-01", "kb:donald-trump"),
        ("le président américain", "2025-06", "kb:donald-trump"),
        ("le président américain", "2021-01-19", "kb:donald-trump"),
        ("le président américain", "2021-01-21", "kb:joe-biden"),
        ("le chef du Kremlin", "2022-05-03", "kb:vladimir-putin"),
        ("le maître du Kremlin", "2022-05-03", "kb:vladimir-putin"),
        ("le locataire de l'Élysée", "2019-01-01", "kb:emmanuel-macron"),
        ("la chancelière allemande", "2019-06-01", "kb:angela-merkel"),
        ("le chancelier allemand", "2023-06-01", "kb:olaf-scholz"),
        ("le Premier ministre britannique", "2023-06-01", "kb:rishi-sunak"),
        ("le chef de la diplomatie russe", "2023-06-01", "kb:sergei-lavrov"),
        ("Le ministre chinois des Affaires étrangères", "2024-06-01", "kb:wang-yi"),
        ("le ministre chinois des Affaires étrangères", "2023-03-01", "kb:qin-gang"),
        ("le président ukrainien", "2022-03-01", "kb:volodymyr-zelensky"),
        ("le président turc", "2010-01-01", "kb:abdullah-gul"),
        ("le dirigeant turc", "2020-01-01", "kb:recep-tayyip-erdogan"),
        ("le dirigeant allemand", "2020-01-01", "kb:angela-merkel"),
        ("le président allemand", "2020-01-01", "kb:frank-walter-steinmeier"),
        ("le dirigeant nord-coréen", "2022-01-01", "kb:kim-jong-un"),
        ("le guide suprême iranien", "2022-01-01", "kb:ali-khamenei"),
        ("le président iranien", "2022-01-01", "kb:ebrahim-raisi"),
        ("le roi britannique", "2023-01-01", "kb:king-charles-iii"),
        ("le prince héritier saoudien", "2023-01-01", "kb:mohammed-bin-salman"),
        ("le secrétaire général de l'ONU", "2022-01-01", "kb:antonio-guterres"),
        ("le secrétaire général des Nations unies", "2010-01-01", "kb:ban-ki-moon"),
        ("le chef de l'Otan", "2022-01-01", "kb:jens-stoltenberg"),
        ("le patron de l'Otan", "2025-01-01", "kb:mark-rutte"),
        ("la présidente de la Commission européenne", "2022-01-01", "kb:ursula-von-der-leyen"),
        ("la directrice générale du FMI", "2022-01-01", "kb:kristalina-georgieva"),
        ("le chef de la diplomatie de l'UE", "2022-01-01", "kb:josep-borrell"),
        ("le porte-parole du Kremlin", "2022-01-01", "kb:dmitry-peskov"),
        ("la porte-parole de la diplomatie russe", "2022-01-01", "kb:maria-zakharova"),
        ("la porte-parole de la Maison Blanche", "2025-06-01", "kb:karoline-leavitt"),
        ("le chef du Pentagone", "2022-01-01", "kb:lloyd-austin"),
        ("le chef du Quai d'Orsay", "2022-01-01", "kb:jean-yves-le-drian"),
        ("le secrétaire d'État américain", "2022-01-01", "kb:antony-blinken"),
        ("le pape", "2020-01-01", "kb:pope-francis"),
        ("le souverain pontife", "2025-06-01", "kb:pope-leo-xiv"),
        ("le Premier ministre de la Russie", "2022-01-01", "kb:mikhail-mishustin"),
        ("le nouveau Premier ministre britannique", "2024-07-10", "kb:keir-starmer"),
        (
            "le ministre français de l'Europe et des Affaires étrangères",
            "2023-01-01",
            "kb:catherine-colonna",
        ),
        (
            "le porte-parole du ministère russe des Affaires étrangères",
            "2023-01-01",
            "kb:maria-zakharova",
        ),
    ],
)
def test_description_resolves_to_the_holder(text, date, expected):
    assert rid(text, kind="description", date=date) == expected


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("the Russian president", "2022-05-03", "kb:vladimir-putin"),
        ("Kremlin chief", "2022-05-03", "kb:vladimir-putin"),
        ("the US president", "2022-05-03", "kb:joe-biden"),
        ("the U.S. president", "2019-05-03", "kb:donald-trump"),
        ("China's foreign minister", "2024-05-03", "kb:wang-yi"),
        ("the British prime minister", "2023-05-03", "kb:rishi-sunak"),
        ("UN Secretary-General", "2023-05-03", "kb:antonio-guterres"),
        ("the NATO chief", "2023-05-03", "kb:jens-stoltenberg"),
        ("Pentagon chief", "2025-06-03", "kb:pete-hegseth"),
    ],
)
def test_english_descriptions(text, date, expected):
    assert rid(text, kind="description", date=date, lang="en") == expected


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("le président russe", None),  # no date: never guessed
        ("le président russe", ""),
        ("le président russe", "not a date"),
        ("le président zorglubien", "2022-01-01"),  # unknown country
        ("le président", "2022-01-01"),  # no country
        ("le Premier ministre", "2022-01-01"),
        ("le président russe et son homologue chinois", "2022-01-01"),  # two countries
        ("l'ancien président américain", "2022-01-01"),  # former: not the holder
        ("l'ex-président américain", "2022-01-01"),
        ("un porte-parole du Kremlin", "2022-01-01"),  # indefinite: anyone
        ("le porte-parole russe", "2022-01-01"),  # spokesperson of what?
        ("le porte-parole de l'armée russe", "2022-01-01"),
        ("le chef de l'armée russe", "2022-01-01"),
        ("le vice-président russe", "2022-01-01"),  # no such office in the KB
        ("le président américain", "2021-01-20"),  # handover day: two holders
        ("le président espagnol", "2022-01-01"),  # Spain has a king, not a president
        ("le chancelier britannique", "2022-01-01"),  # the Exchequer, not the PM
        ("le secrétaire d'État français", "2022-01-01"),
        ("le président ivoirien", "2011-01-15"),  # two claimants
        ("le président russe", "1850-01-01"),  # before the KB
        ("les dirigeants russes", "2022-01-01"),  # plural: a group
        ("le président de la République", "2022-01-01"),  # which republic?
        ("Moscou", "2022-01-01"),  # no role
    ],
)
def test_unresolvable_descriptions(text, date):
    assert rid(text, kind="description", date=date) is None


def test_description_kind_never_falls_back_to_a_name():
    assert FR.resolve("le voisin du dessus", None, kind="description", date="2022-01-01") is None
    assert FR.resolve("le président russe", "DESC", date="2022-01-01").id == "kb:vladimir-putin"


def test_descriptions_use_the_role_lexicon():
    """Every role noun of lang/fr/roles.tsv for a leader or a minister maps to an office."""
    lex = load_lexicon("fr")
    offices = {tuple(slug(r[0]).split("-")) for r in read_tsv(LANG_ROOT / "fr" / "offices.tsv")}
    wanted = ("leader", "head_of_government", "foreign_minister", "spokesperson")
    missing = [
        noun
        for noun, (cls, _kind) in lex.roles.items()
        if cls in wanted and tuple(slug(noun).split("-")) not in offices
    ]
    assert not missing


# --- slugs and caching ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Vladimir Poutine", "vladimir-poutine"),
        ("M. Vladimir Poutine", "vladimir-poutine"),
        ("Mme Élisabeth Borne", "elisabeth-borne"),
        ("Dr Tedros", "tedros"),
        ("Jean-Luc Mélenchon", "jean-luc-melenchon"),
        ("  Jean-Luc   MÉLENCHON ", "jean-luc-melenchon"),
        ("l'Otan", "otan"),
        ("l’Otan", "otan"),
        ("la Russie", "russie"),
        ("Le Monde", "le-monde"),  # a capitalised article is part of the name
        ("Marine Le Pen", "marine-le-pen"),
        ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
        ("Binali Yıldırım", "binali-yildirim"),
        ("Kim Jong-un", "kim-jong-un"),
        ("Kim Jong Un", "kim-jong-un"),
        ("Quai d'Orsay", "quai-d-orsay"),
        ("« Poutine »", "poutine"),
        ("M.", "m"),
    ],
)
def test_slug(name, expected):
    assert slug(name) == expected


def test_ids_do_not_depend_on_the_resolver():
    fresh = ActorResolver("fr")
    for name in ("Poutine", "Boris Johnson", "Johnson", "la Russie", "Xyz Corp"):
        assert fresh.resolve(name, "PER" if name[0] in "PBJ" else "ORG") == FR.resolve(
            name, "PER" if name[0] in "PBJ" else "ORG"
        )
    assert resolver("fr") is FR


def test_other_languages_do_not_fail():
    other = ActorResolver("de")
    assert other.resolve("Poutine", "PER").id == "kb:vladimir-putin"
    assert other.resolve("der russische Präsident", kind="description", date="2022-01-01") is None


# --- knowledge base data ----------------------------------------------------------------------

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
COUNTRY_OFFICES = {
    "head_of_state",
    "head_of_government",
    "vice_president",
    "foreign_minister",
    "defense_minister",
    "spokesperson",
    "foreign_minister_spokesperson",
    "supreme_leader",
    "crown_prince",
}
ORG_OFFICES = {
    "secretary_general",
    "president",
    "director_general",
    "managing_director",
    "political_leader",
    "foreign_minister",
}


def iso3(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None


def test_actors_file():
    actors = kb.actors()
    assert len(actors) > 400
    for actor_id, actor in actors.items():
        assert actor_id == slug(actor.name), actor
        assert actor.type in ("PER", "ORG", "MISC"), actor
        assert actor.country is None or iso3(actor.country), actor


def test_aliases_file():
    actors = kb.actors()
    owners = defaultdict(set)
    for actor_id, lang, alias in kb.aliases():
        assert actor_id in actors, actor_id
        assert lang in ("fr", "en", "*"), (actor_id, lang)
        assert slug(alias), alias
        owners[slug(alias)].add(actor_id)
    # one alias, one actor: shared surnames are left out of the file
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    for surname in ("johnson", "kim", "li", "wang", "clinton", "bush", "sanchez", "le-pen"):
        assert surname not in owners, surname


def test_offices_file():
    actors = kb.actors()
    cutoff = kb.cutoff()
    assert cutoff and ISO_DATE.fullmatch(cutoff)
    rows = kb.offices()
    assert len(rows) > 400
    for row in rows:
        assert row.actor in actors, row
        assert ISO_DATE.fullmatch(row.start), row
        assert row.end == "" or ISO_DATE.fullmatch(row.end), row
        assert not row.end or row.start < row.end, row
        assert row.start <= cutoff and (not row.end or row.end <= cutoff), row
        assert row.title, row
        if row.place in actors:
            assert actors[row.place].type == "ORG", row
            assert row.office in ORG_OFFICES, row
        else:
            assert iso3(row.place), row
            assert row.office in COUNTRY_OFFICES, row
    # no two holders of one office overlap beyond a handover day (Côte d'Ivoire 2010-11 aside)
    by_office = defaultdict(list)
    for row in rows:
        by_office[row.office, row.place].append(row)
    for key, held in by_office.items():
        held.sort(key=lambda r: r.start)
        for a, b in zip(held, held[1:], strict=False):
            if a.actor != b.actor and key != ("head_of_state", "CIV"):
                assert a.end and a.end <= b.start, (a, b)


def test_countries_file():
    countries = kb.countries()
    assert len(countries) >= 60
    for code, country in countries.items():
        assert iso3(code), code
        assert country.leader in ("head_of_state", "head_of_government", "supreme_leader")
    for must in ("RUS", "CHN", "USA", "FRA", "GBR", "DEU", "UKR", "ISR", "PSE", "IRN", "PRK"):
        assert must in countries
    assert countries["USA"].leader == "head_of_state"
    assert countries["GBR"].leader == "head_of_government"
    for code, _lang, _name in kb.extra_country_names():
        assert iso3(code), code
    for seat in kb.seats():
        assert iso3(seat.iso3), seat
        assert seat.office in COUNTRY_OFFICES | {"leader"}, seat


def test_demonym_files():
    for lang in ("fr", "en"):
        rows = read_tsv(LANG_ROOT / lang / "demonyms.tsv")
        assert len(rows) > 70
        for row in rows:
            assert row[0] == row[0].lower(), row
            assert iso3(row[1]), row
    for lang in ("fr", "en"):
        for row in read_tsv(LANG_ROOT / lang / "seats.tsv"):
            assert iso3(row[1]), row
