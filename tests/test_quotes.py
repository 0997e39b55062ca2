"""The quotation stage through `wirelens.extract`: one short French text per construction.

Each positive case checks the quotation's span, type, cue, speaker (canonical name, entity,
mention kind) and, where the text gives one, the addressee; each negative case checks that
nothing is reported. Every offset is checked against `article.text`.
"""

from __future__ import annotations

import pytest

import wirelens
from wirelens.model import Article, Quote


@pytest.fixture(scope="module", autouse=True)
def nlp():
    """Load fr_core_news_md once for the module (`extract` reuses the cached pipeline)."""
    from wirelens.nlp import load_nlp

    return load_nlp()


def extract(text: str) -> Article:
    article = wirelens.extract(text, lang="fr")
    check_offsets(article)
    return article


def check_offsets(article: Article) -> None:
    text = article.text
    for q in article.quotes:
        assert text[q.start : q.end] == q.text
        if q.cue is not None:
            assert text[q.cue.start : q.cue.end] == q.cue.text
        for who in (q.speaker, q.addressee):
            if who is not None and who.mention is not None:
                m = who.mention
                assert text[m.start : m.end] == m.text
            if who is not None and who.entity is not None:
                assert who.entity in {e.id for e in article.entities}
    for ent in article.entities:
        for m in ent.mentions:
            assert text[m.start : m.end] == m.text


def only(article: Article) -> Quote:
    assert len(article.quotes) == 1, [q.text for q in article.quotes]
    return article.quotes[0]


def speaker_name(q: Quote) -> str | None:
    return q.speaker.name if q.speaker else None


# -- direct quotations ------------------------------------------------------------------------


def test_inverted_incise():
    art = extract("« Nous ne céderons pas sur les salaires », a déclaré Jean Dupont.")
    q = only(art)
    assert q.text == "Nous ne céderons pas sur les salaires"
    assert q.type == "direct"
    assert q.cue is not None and q.cue.text == "a déclaré"
    assert q.speaker is not None and q.speaker.name == "Jean Dupont"
    assert q.speaker.entity is not None
    assert q.speaker.mention is not None and q.speaker.mention.kind == "name"
    assert q.speaker.mention.text == "Jean Dupont"
    assert 0 < q.confidence <= 1


def test_pronoun_incise_resolves_to_the_person_named_before():
    art = extract(
        "Le syndicaliste Jean Dupont a rencontré les salariés mardi à Lyon. "
        "Dupont a salué leur courage. « Nous irons jusqu'au bout », a-t-il ajouté."
    )
    q = only(art)
    assert q.text == "Nous irons jusqu'au bout"
    assert q.type == "direct"
    assert q.cue is not None and q.cue.text == "a-t-il ajouté"
    assert q.speaker is not None
    assert q.speaker.name == "Jean Dupont"  # the canonical full name, not "Dupont" or "il"
    assert q.speaker.mention is not None and q.speaker.mention.kind == "pronoun"
    assert q.speaker.mention.text == "il"
    ent = next(e for e in art.entities if e.id == q.speaker.entity)
    assert ent.name == "Jean Dupont" and ent.type == "PER"


def test_interrupted_quote_gives_two_quotations_same_speaker():
    art = extract(
        "La ministre du Budget, Claire Rousseau, a présenté le texte mardi. "
        "« Le budget sera tenu, a précisé la ministre. Aucune dépense nouvelle ne sera engagée. »"
    )
    assert [q.text for q in art.quotes] == [
        "Le budget sera tenu",
        "Aucune dépense nouvelle ne sera engagée.",
    ]
    first, second = art.quotes
    assert first.type == second.type == "direct"
    assert first.cue is not None and first.cue.text == "a précisé"
    assert speaker_name(first) == speaker_name(second) == "Claire Rousseau"
    assert first.speaker.entity == second.speaker.entity is not None


def test_colon_introduction():
    q = only(extract("Marie Durand : « Nous voulons des réponses rapides. »"))
    assert q.text == "Nous voulons des réponses rapides."
    assert q.type == "direct"
    assert q.cue is not None and q.cue.text == ":"
    assert speaker_name(q) == "Marie Durand"


def test_follow_on_quote_inherits_the_previous_speaker():
    art = extract(
        "« Nous ne céderons pas », a déclaré Jean Dupont, secrétaire du syndicat.\n"
        "« Les salariés méritent mieux que cette proposition. »"
    )
    assert [q.text for q in art.quotes] == [
        "Nous ne céderons pas",
        "Les salariés méritent mieux que cette proposition.",
    ]
    first, second = art.quotes
    assert speaker_name(first) == speaker_name(second) == "Jean Dupont"
    assert second.speaker.entity == first.speaker.entity
    assert second.cue is None  # no cue of its own
    assert second.speaker.mention is None or second.speaker.mention.kind == "implicit"


def test_description_resolves_to_the_named_person():
    art = extract(
        "Le ministre de la Santé, Paul Martin, a visité l'hôpital de Lyon lundi. "
        "« Les soignants sont épuisés », a souligné le ministre."
    )
    q = only(art)
    assert q.text == "Les soignants sont épuisés"
    assert q.cue is not None and q.cue.text == "a souligné"
    assert speaker_name(q) == "Paul Martin"
    assert q.speaker.mention is not None and q.speaker.mention.kind == "description"
    assert q.speaker.mention.text == "le ministre"


def test_organisation_apposition_and_description():
    art = extract(
        "Le groupe audiovisuel public britannique, la BBC, a publié un communiqué. "
        "« Nous ne commenterons pas cette décision », a indiqué le radiodiffuseur."
    )
    q = only(art)
    assert q.text == "Nous ne commenterons pas cette décision"
    assert speaker_name(q) == "BBC"
    ent = next(e for e in art.entities if e.id == q.speaker.entity)
    assert ent.type == "ORG"
    assert q.speaker.mention is not None and q.speaker.mention.text == "le radiodiffuseur"


def test_addressee_of_a_direct_quote():
    q = only(extract("« Nous comptons sur vous », a déclaré Henri Blanc à Paul Martin."))
    assert speaker_name(q) == "Henri Blanc"
    assert q.addressee is not None and q.addressee.name == "Paul Martin"
    assert q.addressee.entity is not None
    assert q.addressee.mention is not None and q.addressee.mention.text == "Paul Martin"


# -- reported speech without marks ------------------------------------------------------------


def test_indirect_que_clause():
    q = only(extract("Le maire a déclaré que la piscine municipale fermerait en septembre."))
    assert q.text == "la piscine municipale fermerait en septembre"  # the clause after "que"
    assert q.type == "indirect"
    assert q.cue is not None and q.cue.text == "a déclaré"
    assert q.speaker is not None and q.speaker.mention.text == "Le maire"
    assert q.speaker.mention.kind == "description"


def test_indirect_with_addressee():
    q = only(
        extract("Vladimir Poutine a déclaré à Xi Jinping que la coopération serait renforcée.")
    )
    assert q.text == "la coopération serait renforcée"
    assert q.type == "indirect"
    assert speaker_name(q) == "Vladimir Poutine"
    assert q.addressee is not None and q.addressee.name == "Xi Jinping"


def test_selon_before():
    q = only(extract("Selon Pierre Lefèvre, la réforme sera votée avant l'été."))
    assert q.text == "la réforme sera votée avant l'été"
    assert q.type == "indirect"
    assert q.cue is not None and q.cue.text.lower() == "selon"
    assert speaker_name(q) == "Pierre Lefèvre"


def test_selon_after():
    q = only(extract("La réforme sera votée avant l'été, selon Pierre Lefèvre."))
    assert q.text == "La réforme sera votée avant l'été"
    assert q.type == "indirect"
    assert q.cue is not None and q.cue.text == "selon"
    assert speaker_name(q) == "Pierre Lefèvre"


def test_infinitive_complement():
    q = only(
        extract(
            "Le président du club, Marc Vidal, a assuré ne pas vouloir vendre son meilleur joueur."
        )
    )
    assert q.text == "ne pas vouloir vendre son meilleur joueur"
    assert q.type == "indirect"
    assert q.cue is not None and q.cue.text == "a assuré"
    assert speaker_name(q) == "Marc Vidal"


def test_se_dire_adjective():
    q = only(extract("Luc Moreau s'est dit satisfait de l'accord conclu avec les syndicats."))
    assert q.text == "satisfait de l'accord conclu avec les syndicats"
    assert q.type == "indirect"
    assert q.cue is not None and q.cue.text == "s'est dit"
    assert speaker_name(q) == "Luc Moreau"


def test_se_dire_adjective_after_apposition():
    q = only(
        extract(
            "Le directeur de l'usine, Luc Moreau, s'est dit satisfait de l'accord conclu "
            "avec les syndicats."
        )
    )
    assert q.text == "satisfait de l'accord conclu avec les syndicats"
    assert q.type == "indirect"
    assert speaker_name(q) == "Luc Moreau"


def test_mixed_reported_clause_with_quoted_fragment():
    q = only(
        extract(
            "Le Premier ministre Henri Blanc a affirmé que le pays traversait "
            "« une crise sans précédent »."
        )
    )
    assert q.type == "mixed"
    assert q.text == "le pays traversait « une crise sans précédent »"
    assert q.cue is not None and q.cue.text == "a affirmé"
    assert speaker_name(q) == "Henri Blanc"


# -- not quotations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "L'écrivaine a publié le roman « Les Heures claires » chez Gallimard.",
        "Le film « La Grande Vadrouille » a été diffusé dimanche soir sur France 2.",
    ],
)
def test_title_of_a_work_is_not_a_quotation(text):
    assert extract(text).quotes == []


def test_single_scare_quoted_word_is_not_a_quotation():
    text = "Le quartier, surnommé le « village » par ses habitants, compte 3 000 habitants."
    assert extract(text).quotes == []


def test_so_called_scare_quote_is_not_a_quotation():
    text = "Le projet de loi dit « sécurité » a été adopté mardi par les députés."
    assert extract(text).quotes == []


@pytest.mark.parametrize(
    "text",
    [
        "Il pense que la réforme échouera faute de soutien.",
        "Le ministre Paul Martin croit que la réforme échouera faute de soutien.",
    ],
)
def test_thought_verb_in_narration_is_not_a_quotation(text):
    assert extract(text).quotes == []


def test_narrated_action_is_not_a_quotation():
    text = "Le président Henri Blanc a signé le décret mardi à l'Elysée."
    assert extract(text).quotes == []


# -- speakers the tagger or the parse makes hard ------------------------------------------------


def test_name_with_age_is_a_person():
    art = extract(
        "Sur le marché de Vannes, Josiane, 72 ans, attendait son tour.\n\n"
        "« Tout a augmenté, même le pain », soupire-t-elle."
    )
    q = only(art)
    assert speaker_name(q) == "Josiane"
    assert q.speaker.mention.kind == "pronoun"


def test_name_after_a_description_is_that_person():
    art = extract(
        "La ministre norvégienne de l'Énergie, Ingrid Kvalheim, s'est montrée prudente. "
        "Elle a rappelé que les réserves baissaient depuis trois ans."
    )
    q = only(art)
    assert q.type == "indirect"
    assert q.text == "les réserves baissaient depuis trois ans"
    assert speaker_name(q) == "Ingrid Kvalheim"


def test_acronym_in_parentheses_is_a_name_variant():
    art = extract(
        "La Compagnie fruitière du Levant (CFL) a ouvert une usine à Sète. "
        "Selon la CFL, quatre cents emplois seront créés d'ici à 2027."
    )
    q = only(art)
    assert q.text == "quatre cents emplois seront créés d'ici à 2027"
    assert speaker_name(q) == "Compagnie fruitière du Levant"


def test_addressee_between_cue_and_inverted_subject():
    art = extract("« La pente reste instable », a expliqué à Reuters le géologue Paul Martin.")
    q = only(art)
    assert speaker_name(q) == "Paul Martin"
    assert q.addressee is not None and q.addressee.name == "Reuters"


def test_quote_resumed_after_an_apposition():
    art = extract(
        "« Nous voulons des réponses », lance Claire Morel, présidente du collectif des "
        "riverains, « et nous les aurons avant l'été. »"
    )
    assert [q.text for q in art.quotes] == [
        "Nous voulons des réponses",
        "et nous les aurons avant l'été.",
    ]
    assert {speaker_name(q) for q in art.quotes} == {"Claire Morel"}


def test_inverted_cue_closing_a_long_sentence():
    art = extract(
        "Le port attend deux millions de passagers cette année, a déclaré lundi le directeur "
        "du port, Marc Olivier, lors d'une réunion avec les élus de la région à Marseille."
    )
    q = only(art)
    assert q.type == "indirect"
    assert q.text == "Le port attend deux millions de passagers cette année"
    assert speaker_name(q) == "Marc Olivier"


def test_quote_without_cue_takes_the_person_of_the_sentence_before():
    art = extract(
        "Parmi les bénévoles, le docteur Henri Vasseur, 68 ans, a repris du service.\n\n"
        '"Je ne pouvais pas rester chez moi pendant que mes anciens patients attendaient.'
    )
    q = only(art)
    assert q.type == "direct"
    assert speaker_name(q) == "Henri Vasseur"


# -- not quotations -----------------------------------------------------------------------------


def test_name_of_a_campaign_makes_no_mixed_quotation():
    art = extract("La région a lancé une campagne baptisée « Cap sur l'Atlantique » en mai.")
    assert art.quotes == []


def test_adjectival_participle_is_no_cue():
    art = extract("Cette route est jugée « prioritaire » par les deux départements.")
    assert art.quotes == []


def test_relative_que_after_a_noun_opens_no_reported_clause():
    art = extract("Le club n'a pas encore annoncé le nombre de joueurs qu'il compte recruter.")
    assert art.quotes == []


def test_subject_before_a_relative_clause_not_the_previous_sentence():
    art = extract(
        "Le maire a déclaré qu'il signerait le contrat. Marie Roux, qui a également salué "
        "l'accord, s'est dite satisfaite des progrès accomplis."
    )
    q = next(q for q in art.quotes if q.text.startswith("satisfaite"))
    assert speaker_name(q) == "Marie Roux"


def test_subject_before_an_incidental_phrase():
    art = extract(
        "La Banque centrale européenne, de son côté, a rappelé que l'inflation restait élevée."
    )
    q = only(art)
    assert q.text == "l'inflation restait élevée"
    assert speaker_name(q) == "Banque centrale européenne"


# -- more constructions ---------------------------------------------------------------------


def test_speaker_named_in_the_next_sentence():
    art = extract(
        "« Nous rouvrirons la ligne avant l'hiver. » C'est en ces termes que Lucie Faure, "
        "présidente de la région, a conclu la séance."
    )
    q = only(art)
    assert q.type == "direct"
    assert speaker_name(q) == "Lucie Faure"


def test_pour_x_at_the_start_of_a_sentence():
    art = extract("Pour le syndicat Force ouvrière, la réforme menace les petites agences.")
    q = only(art)
    assert q.type == "indirect"
    assert q.text == "la réforme menace les petites agences"
    assert q.cue.text == "Pour"


def test_d_apres_a_source():
    art = extract("D'après une source policière, deux suspects ont été interpellés dimanche.")
    q = only(art)
    assert q.text == "deux suspects ont été interpellés dimanche"
    assert speaker_name(q) == "une source policière"


def test_impersonal_a_t_on_appris_aupres_de():
    art = extract(
        "Le collège restera fermé jusqu'à lundi, a-t-on appris auprès de la préfecture du Doubs."
    )
    q = only(art)
    assert q.type == "indirect"
    assert q.text == "Le collège restera fermé jusqu'à lundi"
    assert speaker_name(q) == "la préfecture du Doubs"


def test_multiword_cue_fait_savoir():
    art = extract("La mairie a fait savoir que la piscine rouvrirait en septembre.")
    q = only(art)
    assert q.text == "la piscine rouvrirait en septembre"
    assert q.cue.text == "a fait savoir"


def test_quotation_reopened_at_each_paragraph():
    art = extract(
        "« Le chantier a pris du retard, a expliqué l'architecte Paul Girard. Les pluies de "
        "mars ont tout arrêté.\n\n"
        "« Nous livrerons le bâtiment à la fin de l'été. »"
    )
    texts = [q.text for q in art.quotes]
    assert "Nous livrerons le bâtiment à la fin de l'été." in texts
    assert {speaker_name(q) for q in art.quotes} == {"Paul Girard"}


def test_nested_marks_stay_inside_the_quotation():
    art = extract("« Ils m'ont répondu : “Revenez demain”, et rien de plus », raconte Anne Leroy.")
    q = only(art)
    assert q.text == "Ils m'ont répondu : “Revenez demain”, et rien de plus"
    assert speaker_name(q) == "Anne Leroy"


def test_headline_repeating_a_body_quote_is_not_counted_twice():
    art = extract(
        "Inondations : « Nous avons tout perdu »\n\n"
        "Les eaux ont envahi le village dans la nuit. « Nous avons tout perdu », a confié "
        "Marc Petit, agriculteur."
    )
    q = only(art)
    assert q.start > art.text.index("\n")
    assert speaker_name(q) == "Marc Petit"


def test_unnamed_source_keeps_its_description():
    art = extract("« La situation est sous contrôle », a assuré un porte-parole de la police.")
    q = only(art)
    assert speaker_name(q) == "un porte-parole de la police"
    assert q.speaker.entity is None
