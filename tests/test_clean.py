"""Cleaning: junk removed and reported with exact raw spans, article text kept character for character."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirelens.clean import clean_text, junk_rules, repair
from wirelens.lang import available_languages, lang_dir, read_tsv

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "afp-putin-xi.fr.txt"
DEV = ROOT / ".." / "shared" / "data" / "dev"

BEFORE = "Le ministre a annoncé mardi un plan d’urgence pour les hôpitaux."
AFTER = "« Nous agirons vite », a-t-il déclaré devant les députés."


def _check_spans(raw: str, cleaned) -> None:
    for r in cleaned.removed:
        assert raw[r.start : r.end] == r.text, r


def test_sample_keeps_every_article_line_and_reports_the_junk():
    raw = SAMPLE.read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    junk = {"[ad_1]", "[ad_2]", "Publié le: Modifié:", "Source link -33", "© 2022 AFP"}
    assert cleaned.text == "\n".join(line for line in raw.split("\n") if line not in junk)
    for token in ("[ad_1]", "[ad_2]", "Source link", "Publié le"):
        assert token not in cleaned.text
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons == {
        "[ad_1]": "ad_placeholder",
        "[ad_2]": "ad_placeholder",
        "Publié le: Modifié:": "published",
        "Source link -33": "source_link",
        "© 2022 AFP": "copyright",
    }
    _check_spans(raw, cleaned)


JUNK_LINES = [
    ("[ad_1]", "ad_placeholder"),
    ("[ad_2]", "ad_placeholder"),
    ("ⓘ Publicité", "ad_label"),
    ("Publicité", "ad_label"),
    ("PUBLICITÉ", "ad_label"),
    ("Publicité - La suite ci-dessous", "ad_label"),
    ("Advertisement", "ad_label"),
    ("ADVERTISEMENT", "ad_label"),
    ("Story continues below advertisement", "ad_label"),
    ("Source link -33", "source_link"),
    ("Source link", "source_link"),
    ("Publié le: Modifié:", "published"),
    ("Publié le 3 mars 2022 à 10h15", "published"),
    ("Publié le 14/02/2024 à 07h15, mis à jour le 14/02/2024 à 09h30", "published"),
    ("Publié le mardi 1er mars 2022 à 10h15 - Par Jean Dupont", "published"),
    ("Published March 3, 2022", "published"),
    ("Published: 3 March 2022 10:15 GMT", "published"),
    ("Mis à jour le 12/03/2024 à 18h02", "updated"),
    ("Mis à jour le", "updated"),
    ("Updated", "updated"),
    ("Updated: 2022-03-03", "updated"),
    ("Last updated 2 hours ago", "updated"),
    ("Partager sur Facebook Twitter", "share"),
    ("Partager", "share"),
    ("Facebook Twitter LinkedIn E-mail", "share"),
    ("Share this article", "share"),
    ("Abonnez-vous à notre newsletter", "subscribe"),
    ("Inscrivez-vous gratuitement à notre newsletter quotidienne", "subscribe"),
    ("Click here to subscribe to our newsletter", "subscribe"),
    ("Sign up for our daily newsletter", "subscribe"),
    (
        "Nous utilisons des cookies pour vous offrir la meilleure expérience sur notre site. "
        "En poursuivant votre navigation, vous acceptez leur utilisation. OK",
        "cookie_banner",
    ),
    (
        "We use cookies to improve your experience on our site. By continuing to browse, "
        "you agree to our use of cookies. Accept",
        "cookie_banner",
    ),
    ("Accepter les cookies", "cookie_banner"),
    ("Lire aussi : Finistère : les cambriolages en hausse de 12 % en 2023", "read_also"),
    ("À lire aussi", "read_also"),
    ("LIRE AUSSI >> Ukraine : ce que l'on sait", "read_also"),
    ("Read more: Knife crime in Greater Manchester: the figures behind the headlines", "read_also"),
    ("Related: Fuel prices rise again", "read_also"),
    ("Photo : AFP", "photo_caption"),
    ("(Photo d'illustration AFP)", "photo_caption"),
    ("(Photo AFP)", "photo_caption"),
    ("© Photo Jean Dupont / AFP", "photo_caption"),
    ("(Photo by Mikhail Metzel/POOL/AFP via Getty Images)", "photo_caption"),
    ("Crédit photo : Ville de Brest", "photo_caption"),
    ("Le président russe à Moscou, le 3 mars 2022. (Photo : AFP)", "photo_caption"),
    (
        "A man walks past a damaged building in Kyiv, Ukraine, March 3, 2022. "
        "REUTERS/Gleb Garanich",
        "photo_caption",
    ),
    ("© 2022 AFP", "copyright"),
    ("© AFP", "copyright"),
    ("Copyright 2024 The Associated Press. All rights reserved.", "copyright"),
    ("Par Jean Martin, envoyé spécial", "byline"),
    ("Par Jean MARTIN (AFP)", "byline"),
    ("(avec AFP)", "byline"),
    ("By JOHN SMITH, Associated Press", "byline"),
    ("(Reporting by Sarah Whitcombe; Editing by Mark Deller)", "byline"),
    ("Cet article est réservé aux abonnés", "paywall"),
    ("AFP", "byline"),
    ("Le Figaro avec AFP", "byline"),
    ("By Reuters", "byline"),
    ("Mardi 3 mars 2022 - 10h15", "published"),
    ("March 3, 2022", "published"),
    ("Temps de lecture : 3 min", "reading_time"),
    ("5 min read", "reading_time"),
    ("Écouter cet article", "listen"),
    ("Mots-clés : Ukraine, Russie, diplomatie", "tags"),
    ("Lire la suite", "read_also"),
    ("Jean Dupont / AFP", "photo_caption"),
    ("Image source, Getty Images", "photo_caption"),
    ("Our Standards: The Thomson Reuters Trust Principles.", "footer"),
    (
        "Copyright 2024 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed without permission.",
        "copyright",
    ),
]


@pytest.mark.parametrize(("junk", "reason"), JUNK_LINES)
def test_junk_line_removed_with_reason_and_span(junk, reason):
    raw = f"{BEFORE}\n{junk}\n{AFTER}"
    cleaned = clean_text(raw)
    assert cleaned.text == f"{BEFORE}\n{AFTER}"
    assert [(r.text, r.reason) for r in cleaned.removed] == [(junk, reason)]
    r = cleaned.removed[0]
    assert (r.start, r.end) == (len(BEFORE) + 1, len(BEFORE) + 1 + len(junk))
    _check_spans(raw, cleaned)


REAL_SENTENCES = [
    "La publicité pour les paris sportifs sera interdite à la télévision, a annoncé le ministre.",
    "Publicité mensongère : l'enseigne condamnée à 2 millions d'euros d'amende",
    "Selon une source proche du dossier, l'enquête a été confiée à la police judiciaire.",
    "Source link analysis showed the documents came from the ministry, investigators said.",
    "Publié le 3 mars, le rapport de la Cour des comptes dresse un bilan sévère.",
    "Mis à jour chaque semaine, le fichier recense plus de 4.000 entreprises.",
    "Il faut lire aussi ce texte comme un avertissement adressé à Bruxelles, estime-t-il.",
    "Lire aussi le rapport de la Cour des comptes, qui relève de nombreuses anomalies.",
    "Read more carefully, the statement suggests the talks have stalled.",
    "Partager les données avec les autorités n'est pas une option, a répondu l'entreprise.",
    "« Nous utilisons des cookies pour suivre les internautes », a reconnu le directeur.",
    "La CNIL a sanctionné le site, qui utilisait des cookies sans le consentement des internautes.",
    "We use cookies, the company admitted in a statement, but only with users' consent.",
    "Photos of the victims were posted online by police on Tuesday.",
    "Photo à l'appui, le député a dénoncé l'état de l'école.",
    "Par ailleurs, le gouvernement a annoncé une hausse du budget de la défense.",
    "Par Emmanuel Macron lui-même, la décision a été validée mardi soir.",
    "By Friday, the company said, all stores would be closed.",
    "Advertisement revenue fell by 12% in the quarter, the group said.",
    "Updated figures released on Tuesday show a sharp rise in unemployment.",
    "Subscribers will pay 2 euros more per month from April, the company said.",
    "Related charges were dropped, the prosecutor said.",
    "Sign up rates among young voters rose 12%, officials said.",
    "Google signe un accord avec AFP",
    "Le 3 mars 2022, le président russe a lancé l'offensive contre l'Ukraine.",
    "Lecture publique : la médiathèque rouvre ses portes après deux ans de travaux.",
    "Sujet sensible, la réforme a été adoptée par 289 voix contre 250.",
    "Le maire a inauguré mardi la nouvelle médiathèque (photo ci-dessus), en présence du préfet.",
    "(c) le retrait des troupes dans un délai de trente jours ;",
    "Copyright law must change, said the minister.",
]


@pytest.mark.parametrize("sentence", REAL_SENTENCES)
def test_real_sentence_kept(sentence):
    raw = f"{BEFORE}\n{sentence}\n{AFTER}"
    cleaned = clean_text(raw)
    assert cleaned.removed == []
    assert cleaned.text == raw


def test_partial_removal_of_agency_slug():
    raw = "The matter will next be heard on April 2. PTI AB KRK"
    cleaned = clean_text(raw)
    assert cleaned.text == "The matter will next be heard on April 2."
    [r] = cleaned.removed
    assert (r.text, r.reason) == ("PTI AB KRK", "slug")
    _check_spans(raw, cleaned)


def test_whitespace_normalised_but_paragraphs_kept():
    raw = "\ufeff\n\n  Titre  \r\n\r\nPremier paragraphe.   \r\nSuite.\t\n\n\n\n\nDernier.\n\n"
    assert clean_text(raw).text == "Titre\n\nPremier paragraphe.\nSuite.\n\nDernier."


def test_junk_between_paragraphs_leaves_one_blank_line():
    raw = f"{BEFORE}\n\nAdvertisement\n\n{AFTER}\n"
    cleaned = clean_text(raw)
    assert cleaned.text == f"{BEFORE}\n\n{AFTER}"
    _check_spans(raw, cleaned)


def test_spans_point_into_raw_with_crlf():
    raw = "[ad_1]\r\n  Texte de l'article.\r\n\r\nSource link -33\r\n"
    cleaned = clean_text(raw)
    assert cleaned.text == "Texte de l'article."
    assert [r.text for r in cleaned.removed] == ["[ad_1]", "Source link -33"]
    _check_spans(raw, cleaned)


def test_quotes_and_french_spaces_untouched():
    text = (
        "«\u00a0Non\u00a0», a-t-il dit. «\u202fOui\u202f!\u202f» “Yes” ‘no’ l’été "
        "l'hiver \"straight\" 'single' ‘’double single’’ – — …"
    )
    assert clean_text(text).text == text
    assert repair(text) is text


def test_mojibake_repaired():
    raw = "Le président a annoncÃ© mardi que lâ€™Ã©quipe serait renforcée."
    assert clean_text(raw).text == "Le président a annoncé mardi que l’équipe serait renforcée."
    assert clean_text("Il a annoncÃ© sa démission.").text == "Il a annoncé sa démission."


def test_mojibake_junk_line_reported_with_raw_text():
    raw = f"{BEFORE}\nPubliÃ© le 3 mars 2022 Ã  10h15\n{AFTER}"
    cleaned = clean_text(raw)
    assert cleaned.text == f"{BEFORE}\n{AFTER}"
    [r] = cleaned.removed
    assert r.reason == "published"
    _check_spans(raw, cleaned)


def test_empty_and_blank_input():
    assert clean_text("").text == ""
    assert clean_text(" \n\n \r\n").text == ""
    assert clean_text("[ad_1]\nSource link").text == ""


def test_every_junk_file_loads_with_known_reasons():
    assert {"fr", "en"} <= set(available_languages())
    rules = junk_rules()
    assert rules
    for code in available_languages():
        for row in read_tsv(lang_dir(code) / "junk.tsv"):
            assert len(row) == 2
    assert {r.reason for r in rules} >= {
        "ad_placeholder", "ad_label", "source_link", "published", "updated", "share",
        "subscribe", "cookie_banner", "read_also", "photo_caption", "copyright", "byline",
    }  # fmt: skip


# --- the shared dev set -----------------------------------------------------------------------


def _dev(lang: str) -> list[dict]:
    path = DEV / f"{lang}.jsonl"
    if not path.is_file():
        pytest.skip("shared dev data not available")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_dev_gold_quotes_survive_cleaning(lang):
    gold_path = DEV / f"{lang}.gold.jsonl"
    records = _dev(lang)
    if not gold_path.is_file():
        pytest.skip("shared gold data not available")
    gold = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line:
            item = json.loads(line)
            gold[item["id"]] = item["quotes"]
    for rec in records:
        cleaned = clean_text(rec["text"])
        text = " ".join(cleaned.text.split())
        for quote in gold.get(rec["id"], []):
            assert " ".join(quote["text"].split()) in text, (rec["id"], quote["text"])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_dev_junk_families_found_and_nothing_else_removed(lang):
    for rec in _dev(lang):
        cleaned = clean_text(rec["text"])
        _check_spans(rec["text"], cleaned)
        reasons = {r.reason for r in cleaned.removed}
        families = {p.removeprefix("junk_") for p in rec["phenomena"] if p.startswith("junk_")}
        assert families <= reasons, (rec["id"], families - reasons)
        if "junk" not in rec["phenomena"]:
            assert cleaned.removed == [], rec["id"]
        kept = set(cleaned.text.split("\n"))
        original = {line.strip() for line in rec["text"].split("\n")}
        removed_lines = {r.text for r in cleaned.removed}
        # every line either kept as is or reported: nothing lost silently
        for line in original - kept - {""}:
            assert line in removed_lines or any(r.text in line for r in cleaned.removed), line


def test_read_tsv(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text("# comment\n\na\tb\n  c \t\td\n", encoding="utf-8")
    assert read_tsv(path) == [["a", "b"], ["c", "", "d"]]
    assert read_tsv(tmp_path / "missing.tsv") == []
