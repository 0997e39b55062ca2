"""Metadata: language, dateline, agencies, publication date."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirelens.clean import clean_text
from wirelens.meta import (
    canonical_agency,
    detect_language,
    find_agencies,
    find_dateline,
    find_published,
)
from wirelens.model import Dateline

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "afp-putin-xi.fr.txt"


def test_sample_metadata():
    raw = SAMPLE.read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    lang = detect_language(cleaned.text)
    assert lang.code == "fr" and 0.5 < lang.confidence <= 1
    dl = find_dateline(cleaned.text)
    assert (dl.place, dl.agency, dl.text) == ("Moscou", "AFP", "Moscou (AFP) –")
    assert cleaned.text[dl.start : dl.end] == dl.text
    assert find_agencies(raw, dl) == ["AFP"]
    assert find_published(raw) is None  # "Publié le: Modifié:" has no date


# --- language ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Le gouvernement a présenté mercredi son projet de budget.\n\n"
            "« Il n'y aura pas de hausse d'impôts », a promis la porte-parole.",
            "fr",
        ),
        (
            "The government unveiled its budget on Wednesday.\n\n"
            '"There will be no tax rise," the spokeswoman promised.',
            "en",
        ),
        ("PARIS (AFP) – LE PRÉSIDENT A ANNONCÉ UNE RÉFORME DES RETRAITES.", "fr"),
    ],
)
def test_language(text, code):
    lang = detect_language(text)
    assert lang.code == code
    assert 0 <= lang.confidence <= 1


def test_language_none_without_letters():
    assert detect_language("") is None
    assert detect_language("12 345 — 678") is None


# --- dateline ------------------------------------------------------------------------------

DATELINES = [
    ("Moscou (AFP) – Le dirigeant russe a déclaré", "Moscou (AFP) –", "Moscou", "AFP", None),
    ("PARIS, 3 mars (Reuters) - La France a", "PARIS, 3 mars (Reuters) -", "PARIS", "Reuters", "3 mars"),
    ("BRUXELLES (Belga) La commune a", "BRUXELLES (Belga)", "BRUXELLES", "Belga", None),
    ("WASHINGTON (AP) — The president said", "WASHINGTON (AP) —", "WASHINGTON", "AP", None),
    ("Genève (ATS) - Le Conseil fédéral", "Genève (ATS) -", "Genève", "ATS", None),
    ("GENÈVE (Keystone-ATS) – Après trois jours", "GENÈVE (Keystone-ATS) –", "GENÈVE", "ATS", None),
    ("MONTRÉAL — Le maire a", "MONTRÉAL —", "MONTRÉAL", None, None),
    ("Dakar, 5 mai (APS) - Le ministre", "Dakar, 5 mai (APS) -", "Dakar", "APS", "5 mai"),
    ("Rio de Janeiro (AFP) – Le Brésil", "Rio de Janeiro (AFP) –", "Rio de Janeiro", "AFP", None),
    ("MARIETTA, Ohio (AP) — A bridge", "MARIETTA, Ohio (AP) —", "MARIETTA", "AP", None),
    ("Mumbai, Mar 5 (PTI) The court said", "Mumbai, Mar 5 (PTI)", "Mumbai", "PTI", "Mar 5"),
    ("Ouagadougou, 4 juillet (AIB) – La société", "Ouagadougou, 4 juillet (AIB) –", "Ouagadougou", "AIB", "4 juillet"),
    ("BENGALURU: Edtech start-up LearnLoop has", "BENGALURU:", "BENGALURU", None, None),
]  # fmt: skip


@pytest.mark.parametrize(("line", "text", "place", "agency", "date"), DATELINES)
def test_dateline_after_a_title(line, text, place, agency, date):
    body = f"Un titre d'article sans point\n\n{line} quelque chose.\n\nSuite de l'article."
    dl = find_dateline(body)
    assert isinstance(dl, Dateline)
    assert (dl.text, dl.place, dl.agency, dl.date) == (text, place, agency, date)
    assert body[dl.start : dl.end] == text


@pytest.mark.parametrize(
    "body",
    [
        "Budget : le gouvernement présente son projet\n\nLe gouvernement a présenté mercredi...",
        "Botola Pro : le WST limoge son entraîneur\n\n"
        "Le Widad Sportif de Tiznit (WST) a limogé son entraîneur.",
        "The Nigeria Labour Congress (NLC) has given the government an ultimatum.",
        "COVID-19 : les cas repartent à la hausse\n\nLes autorités sanitaires ont...",
        "URGENT – Le président a démissionné\n\nLe chef de l'Etat a annoncé...",
        "Titre\n\nPremier paragraphe.\n\nSecond.\n\nPARIS (AFP) – trop loin dans le texte.",
        "La Région bruxelloise (Belgique) a approuvé le budget.",
    ],
)
def test_no_dateline(body):
    assert find_dateline(body) is None


# --- agencies ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Texte de l'article.\n© 2022 AFP", ["AFP"]),
        ("Texte de l'article.\n\navec AFP", ["AFP"]),
        ("NAIROBI (Reuters) - Kenya and Tanzania agreed...", ["Reuters"]),
        ("Texte.\n(Photo AP)", ["AP"]),
        ("Texte.\n© AP", ["AP"]),
        ("Texte.\nPhoto : John Smith/AP", ["AP"]),
        ("Texte de l'article (AFP/Reuters).", ["AFP", "Reuters"]),
        ("Selon l'Agence France-Presse, le bilan s'alourdit.", ["AFP"]),
        ("Texte.\n(Belga)", ["Belga"]),
        ("Texte.\nKeystone-ATS", ["ATS"]),
        ("Texte (ATS).", ["ATS"]),
        ("Rabat (MAP) – Texte.", ["MAP"]),
        ("Texte.\nAvec AFP et Reuters", ["AFP", "Reuters"]),
        ("Texte, selon l'agence Associated Press.\n© 2024 AFP", ["AP", "AFP"]),
        ("Texte, told The Canadian Press.", ["CP"]),
        ("Texte, a rapporté l'agence Xinhua.", ["Xinhua"]),
    ],
)
def test_agencies_found(raw, expected):
    assert find_agencies(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "Les médecins de l'AP-HP sont en grève, a annoncé le syndicat.",
        "Students who take AP courses do better at college, the report says.",
        "Le MAP des enfants était plus élevé que prévu, selon l'étude.",
        "Les élèves de CP et de CE1 ont repris les cours lundi.",
        "Le cours préparatoire (CP) sera dédoublé dans les zones prioritaires.",
        "The PA system failed during the concert, organisers said.",
        "The AFP said the suspect was arrested in Sydney on Monday.",
        "Le chef du PTI, Imran Khan, a été arrêté, a déclaré son parti.",
        "Les ATS de la région ont manifesté devant la préfecture.",
        "Une CAPSULE a été retrouvée; le TAPIS rouge était déroulé.",
    ],
)
def test_agencies_no_false_positive(raw):
    assert find_agencies(raw) == []


def test_agencies_include_the_dateline_and_keep_first_order():
    raw = "Tunis, 10 mai (TAP) – Texte.\n\nAvec AFP"
    dl = find_dateline(clean_text(raw).text)
    assert dl.agency == "TAP"
    assert find_agencies(raw, dl) == ["TAP", "AFP"]
    unknown = Dateline(text="X (ZZA) –", start=0, end=9, place="X", agency="ZZA")
    assert find_agencies("Texte.\n© AFP", unknown) == ["ZZA", "AFP"]


def test_canonical_agency():
    assert canonical_agency("Agence France-Presse") == "AFP"
    assert canonical_agency("Keystone-ATS") == "ATS"
    assert canonical_agency("REUTERS") == "Reuters"
    assert canonical_agency("La Presse Canadienne") == "CP"
    assert canonical_agency("AIB") == "AIB"
    assert canonical_agency("Unknown News") == "Unknown News"


# --- published -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Titre\nPublié le 3 mars 2022 à 10h15\nTexte.", "2022-03-03T10:15:00"),
        ("Titre\nPublié le: 12/03/2022\nTexte.", "2022-03-12"),
        ("Publié le mardi 1er mars 2022\nTexte.", "2022-03-01"),
        ("Publié le 06-03-2024 à 06h12\nTexte.", "2024-03-06T06:12:00"),
        ("Publié le 3 mars 2022 à 10 h 15\nTexte.", "2022-03-03T10:15:00"),
        ("Mis à jour le 12/03/2024 à 18h02\n\nTexte.", "2024-03-12T18:02:00"),
        ("Mis à jour le 5 janv. 2023 à 08:30\nTexte.", "2023-01-05T08:30:00"),
        ("Published March 3, 2022\nText.", "2022-03-03"),
        ("Updated: 2022-03-03\nText.", "2022-03-03"),
        ("Updated: 2022-03-03T10:15:00\nText.", "2022-03-03T10:15:00"),
        # the publication date wins over the update date, wherever they are
        ("Mis à jour le 4 mars 2022\nPublié le 3 mars 2022\nTexte.", "2022-03-03"),
        ("Publié le 3 mars 2022, mis à jour le 4 mars 2022\nTexte.", "2022-03-03"),
        ("PubliÃ© le 3 mars 2022 Ã  10h15\nTexte.", "2022-03-03T10:15:00"),
    ],
)
def test_published(raw, expected):
    assert find_published(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "Publié le: Modifié:\nTexte.",
        "Publié le mars 2022\nTexte.",
        "© 2022 AFP",
        "Le rapport publié le 3 mars 2022 montre une hausse du chômage.",
        "Moscou (AFP) – Le mardi 1er mars 2022, le président a déclaré...",
        "Updated\nText.",
    ],
)
def test_published_none(raw):
    assert find_published(raw) is None
