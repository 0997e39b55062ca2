"""The event coder on sentences of our own: one per type and per hard construction, with
participants and flags; the store keeps events with participants and filters them."""

from __future__ import annotations

import pytest

import wirelens
from wirelens.settings import Settings

SETTINGS = Settings()  # the default model: participants depend on a good parse


def _events(text: str, published: str = "2024-03-05"):
    art = wirelens.extract(text, SETTINGS, published=published, lang="fr")
    return [
        (
            e.type,
            sorted(p.country or p.name for p in e.actor),
            sorted(p.country or p.name for p in e.recipient),
            e.flags,
        )
        for e in art.events
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one sentence per type, actor and recipient as countries (metonymy and demonyms)
        ("Paris a expulsé quatre diplomates russes.", ("SANCTION", ["FRA"], ["RUS"])),
        (
            "Le Maroc a condamné vendredi l'arrestation de deux journalistes.",
            ("ACCUSE", ["MAR"], ["deux journalistes"]),
        ),
        ("L'Espagne a extradé vers la France un militant basque.", ("COOPERATE", ["ESP"], ["FRA"])),
        (
            "Kiev a exhorté ses alliés à accélérer leurs livraisons.",
            ("REQUEST", ["UKR"], ["alliés"]),
        ),
        (
            # the author of what is rejected receives the rejection
            "Le Hamas a rejeté la proposition de trêve présentée par l'Egypte.",
            ("REJECT", ["PSE"], ["EGY"]),
        ),
        (
            "Ankara a menacé de bloquer l'adhésion de la Suède à l'Otan.",
            ("THREATEN", ["TUR"], ["SWE"]),
        ),
        ("Berlin a salué la décision de Varsovie.", ("SUPPORT", ["DEU"], ["POL"])),
        (
            # a crowd acts in the country it is in (the story's, from "à Paris"), and a
            # protest naming no target is aimed at the authorities of that place
            "Des milliers de manifestants ont manifesté samedi à Paris.",
            ("PROTEST", ["FRA"], ["FRA"]),
        ),
        (
            "La police a interpellé trente manifestants devant l'Assemblée nationale.",
            ("COERCE", ["police"], ["trente manifestants"]),
        ),
        (
            "La Corée du Nord a déployé des lance-missiles près de la frontière.",
            ("MOBILIZE", ["PRK"], []),
        ),
        (
            "Le président russe a rencontré lundi son homologue chinois à Pékin.",
            ("CONSULT", ["RUS"], ["CHN"]),
        ),
    ],
)
def test_one_sentence_per_type(text, expected):
    found = [e[:3] for e in _events(text)]
    assert expected in found, found


def test_nominal_events_and_background():
    text = (
        "Visé par des sanctions occidentales depuis l'assaut de Moscou contre l'Ukraine, "
        "le Kremlin a annoncé mardi qu'il renforcerait sa coopération militaire avec l'Iran."
    )
    found = _events(text)
    assert ("ASSAULT", ["RUS"], ["UKR"], ["historical"]) in found
    assert any(t == "SANCTION" and a == ["Occident"] for t, a, _, _ in found)


def test_intent_to_cooperate_is_agree():
    found = _events("Vladimir Poutine veut renforcer la coopération militaire avec la Chine.")
    assert [e[0] for e in found] == ["AGREE"]
    assert found[0][1][0] in ("RUS", "CHN")


def test_reported_speech_actor_is_the_speaker_not_the_reporter():
    text = (
        "MOSCOU (AFP) – Vladimir Poutine a déclaré vendredi au président chinois Xi Jinping "
        "qu'il souhaitait intensifier la coopération militaire."
    )
    found = _events(text)
    assert found and found[0][0] == "AGREE" and found[0][1] == ["RUS"]


def test_no_event_without_a_political_participant():
    assert _events("La joueuse s'est enfin libérée en finale face à sa rivale.") == []
    assert _events("Il pleuvait sur la ville ce matin-là.") == []


def test_negation_and_future_flags():
    neg = _events("Le Japon n'a pas condamné l'essai nucléaire de la Corée du Nord.")
    assert neg and "negated" in neg[0][3]
    fut = _events("L'Union européenne va déployer des navires au large de la Libye.")
    assert fut and fut[0][0] == "MOBILIZE" and "future" in fut[0][3]


def _full(text: str):
    art = wirelens.extract(text, SETTINGS, published="2024-03-05", lang="fr")
    return art.events


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a refusal governs its complement: the refusal is the act, with the complement's mode
        ("Le président israélien a refusé de rencontrer le roi de Jordanie.", ("REJECT", "meet")),
        ("Le gouvernement turc refuse de lever le couvre-feu imposé à Cizre.", ("REJECT", "yield")),
        # so does a threat
        ("L'Iran a menacé de bombarder des villes irakiennes.", ("THREATEN", "violence")),
        ("Le Pakistan a menacé de rompre ses relations avec le Congo.", ("THREATEN", "relations")),
        # through a chain of complements
        (
            "Le gouvernement turc a refusé de s'engager à apporter une aide à l'Irak.",
            ("REJECT", "assist"),
        ),
        # ending an act reverses it; preparing an attack is a mobilisation
        ("Le syndicat des enseignants a mis fin à sa grève.", ("CONCEDE", None)),
        (
            "Des officiers syriens ont mis fin aux efforts de médiation entre les milices.",
            ("SANCTION", "discontinue"),
        ),
        (
            "L'armée macédonienne se préparait à reprendre ses bombardements contre les rebelles.",
            ("MOBILIZE", "weapons"),
        ),
    ],
)
def test_refusal_and_threat_govern_their_complement(text, expected):
    assert expected in [(e.type, e.mode) for e in _full(text)]


def test_etre_verbs_keep_their_subject_as_actor():
    # "sont convenus": être + participle, not a passive; both parties act, nobody receives
    found = _events("La Jordanie et la Grande-Bretagne sont convenues d'organiser des exercices.")
    assert found and found[0][0] == "AGREE"
    assert found[0][1] == ["GBR", "JOR"]


def test_international_bodies_and_their_officials_get_an_actor_code():
    found = _full("L'ONU a condamné l'arrestation de deux journalistes au Burundi.")
    assert found and found[0].actor[0].country is None and found[0].actor[0].code == "IGO"
    official = _full("Le secrétaire général de l'Otan a exhorté la Turquie à ratifier l'adhésion.")
    assert official and official[0].actor[0].code == "IGO"
    assert [p.code for p in official[0].recipient] == ["TUR"]


def test_told_through_a_contracted_preposition():
    # "au président chinois": à + le; the addressee of the statement receives the act
    found = _events(
        "Le président russe a déclaré mardi au président chinois qu'il voulait renforcer la "
        "coopération entre leurs armées."
    )
    assert ("AGREE", ["RUS"], ["CHN"], []) in found


def test_a_people_acts_for_its_state():
    found = _events("Les Palestiniens ont accusé Israël d'être responsable de l'attentat.")
    assert ("ACCUSE", ["PSE"], ["ISR"]) in [e[:3] for e in found]
    found = _events("Le Premier ministre zimbabwéen a accusé les Etats-Unis de chantage.")
    assert ("ACCUSE", ["ZWE"], ["USA"]) in [e[:3] for e in found]


def test_planned_meeting_is_agree_and_a_qualifier_is_not_an_actor():
    found = _events(
        "Le président russe a déclaré qu'il recevrait son homologue lors d'une visite d'État "
        "au printemps prochain."
    )
    assert found and all(e[0] == "AGREE" for e in found)
    assert all("État" not in e[1] for e in found)


def test_a_criticism_naming_no_one_targets_the_story_protagonist():
    text = (
        "Le maire Bernard Castaing a fait voter la fermeture de la piscine municipale.\n"
        "Bernard Castaing défend une mesure d'économie.\n"
        "Dans l'opposition, Sylvie Dauzat dénonce un vote précipité."
    )
    found = _full(text)
    accuse = [e for e in found if e.type == "ACCUSE"]
    assert accuse and [p.name for p in accuse[0].recipient] == ["Bernard Castaing"]
    assert accuse[0].confidence < 0.7  # inferred, not read in the sentence


def test_future_read_from_the_verb_form():
    # the tagger reads "financera" as a participle; the future stem is the infinitive
    assert ("AGREE", ["PRT"], [], []) in _events("Le Portugal financera un tiers du centre.")


def test_participial_and_purpose_clauses_share_the_main_subject():
    found = _events(
        "Le président sénégalais s'est exprimé lundi à Dakar, appelant les opérateurs privés à "
        "respecter le prix."
    )
    assert ("REQUEST", ["SEN"], ["SEN"]) in [e[:3] for e in found], found
    request = next(
        e
        for e in _full(
            "Le président sénégalais s'est exprimé lundi à Dakar, appelant les opérateurs privés à "
            "respecter le prix."
        )
        if e.type == "REQUEST"
    )
    # the operators (Senegalese: the one country named), not Dakar, the place of the speech
    assert [p.name for p in request.recipient] == ["opérateurs privés"]
    found = _events("La ministre a écrit au président tunisien pour demander des renforts.")
    assert ("REQUEST", ["ministre"], ["TUN"]) in [e[:3] for e in found], found


def test_ready_to_act_is_an_offer():
    found = _events("Le ministre chinois s'est dit prêt à étudier toutes les solutions avec Paris.")
    assert ("AGREE", ["CHN"], ["FRA"]) in [e[:3] for e in found]


def test_words_that_name_no_particular_act():
    # an idiom ("arrêter le calendrier"), a promise of nothing in particular
    assert (
        _events("Les ministres de la Défense doivent arrêter le calendrier du déploiement.") == []
    )
    assert _events("Le ministre chinois ne vit pas de promesses, a dit le président russe.") == []
    found = _events("La France a tenu sa promesse de livrer des blindés à l'Ukraine.")
    assert found and found[0][0] == "AGREE"


def test_a_role_set_off_by_a_name_is_that_person():
    # "le président du syndicat …, Jean Morel,": the person acts, not the union he leads
    found = _full(
        "Le président du Syndicat national des enseignants, Jean Morel, a dénoncé mardi la "
        "réforme du gouvernement."
    )
    assert found and [p.name for p in found[0].actor] == ["Jean Morel"]


def test_a_group_takes_the_country_its_phrase_names():
    found = _events("Les rebelles du Mali ont attaqué une caserne de l'armée.")
    assert found and found[0][0] == "ASSAULT" and found[0][1] == ["MLI"]
    found = _events("Des partis d'opposition au Népal ont organisé une grève générale.")
    assert found and found[0][:2] == ("PROTEST", ["NPL"])


def test_local_people_act_for_the_story_country():
    # the dateline (a town of the GeoNames list) places the story: the union and the
    # mayor, who have no country of their own, are French
    text = (
        "LANDERNEAU (AFP) – La CGT a dénoncé mardi la fermeture de l'usine décidée par le "
        "maire, Paul Kerhervé."
    )
    found = _full(text)
    accuse = [e for e in found if e.type == "ACCUSE"]
    assert accuse and [p.country for p in accuse[0].actor] == ["FRA"]
    # an overseas territory acts for its state
    found = _full("NOUMÉA (AFP) – Le syndicat des dockers a appelé à une marche lundi à Nouméa.")
    protest = [e for e in found if e.type == "PROTEST"]
    assert protest and [p.country for p in protest[0].actor] == ["FRA"]


def test_a_one_sided_act_takes_the_party_named_deeper_in_its_complements():
    found = _full(
        "Le gouvernement turc a refusé d'apporter une aide à l'offensive menée par les États-Unis."
    )
    reject = [e for e in found if e.type == "REJECT"]
    assert reject and [p.country for p in reject[0].recipient] == ["USA"]
    # the governing verb names the act, so the trigger starts there
    assert reject[0].trigger.text.startswith("a refusé")
    # a nationality written with a hyphen is one word
    found = _events("La Corée du Nord a attaqué des soldats sud-coréens près de la frontière.")
    assert ("ASSAULT", ["PRK"], ["KOR"]) in [e[:3] for e in found]


def test_what_a_direct_quotation_says_is_not_an_act():
    found = _events("« Nous signons aujourd'hui cet accord », a déclaré le ministre norvégien.")
    assert [e for e in found if e[0] == "SUPPORT"] == []


def test_the_purpose_of_a_protest_is_not_a_second_event():
    found = _events(
        "Des centaines d'enseignants ont manifesté à Dakar pour protester contre la réforme."
    )
    assert [e[0] for e in found] == ["PROTEST"]
    # a protest that names no target is aimed at the state it is held in
    assert found[0][2] == ["SEN"]


def test_refusing_to_comment_and_a_kind_of_thing_are_not_acts():
    assert _events("Le ministre des Affaires étrangères a refusé de commenter.") == []
    found = _events("Le ministère a annoncé que des équipes de soutien partiraient lundi.")
    assert [e for e in found if e[0] == "SUPPORT"] == []


def test_a_decision_is_the_act_decided_and_resolve_to_fight_a_threat():
    found = _events(
        "Le gouvernement ivoirien a décidé de débloquer une aide d'urgence pour les sinistrés."
    )
    assert found and found[0][0] == "AID"
    found = _events("L'armée birmane s'est dite prête à imposer la loi martiale à Rangoun.")
    assert found and found[0][0] == "THREATEN"


def test_a_headline_without_dateline_is_not_coded():
    text = (
        "Les parents mobilisés contre la fermeture d'une classe\n\n"
        "Une soixantaine de parents se sont rassemblés jeudi devant la mairie de Rennes."
    )
    assert [e.type for e in _full(text)] == ["PROTEST"]


def test_pronominal_verbs_are_not_passive():
    found = _full(
        "Le ministre français Hugues Marchetti a reçu son homologue portugais Duarte Falcão.\n"
        "Les deux ministres se sont également entretenus de la situation au Sahel."
    )
    talks = [e for e in found if e.trigger.text.endswith("entretenus")]
    assert talks and len(talks[0].actor) == 2


def test_noun_triggers_keep_their_accents():
    assert [e[0] for e in _events("Le syndicat a appelé à une marche lundi à Koné.")] == ["PROTEST"]
    assert _events(
        "Le président chinois a promis d'ouvrir les marchés aux entreprises."
    ) == [] or all(
        e[0] != "PROTEST" for e in _events("Le président chinois a promis d'ouvrir les marchés.")
    )


def test_flags_from_the_auxiliary_and_reported_conditionals():
    # the pluperfect tells background; a compound form takes its tense from the auxiliary
    found = _events("Lors de l'audience, le ministre avait démenti les accusations du juge.")
    assert found and "historical" in found[0][3]
    found = _events("La Norvège et l'Islande sont parvenues mercredi à un accord sur la pêche.")
    assert found and found[0][0] == "AGREE" and "future" not in found[0][3]
    # a conditional in a "que" clause is the future of the past, even coordinated
    found = _events(
        "Elle a rappelé que le stock migrait vers le nord et que l'Islande demanderait une "
        "révision de l'accord à la Norvège."
    )
    request = [e for e in found if e[0] == "REQUEST"]
    assert request and request[0][3] == ["future"]


def test_an_announced_refusal_is_a_rejection():
    found = _events(
        "Les États-Unis ont déclaré qu'ils ne satisferaient pas les exigences des ravisseurs."
    )
    assert found and found[0][0] == "REJECT" and "negated" not in found[0][3]


def test_misparsed_roles_and_offices_as_addressees():
    # a second subject after the verb is its object
    found = _events(
        "La mairesse de Québec a fait savoir qu'elle rencontrerait le ministre des Transports "
        "la semaine prochaine."
    )
    assert found and found[0][0] == "AGREE" and found[0][2]
    # an office is who a letter is written to, and so who is asked
    found = _full(
        "La maire, Nadia Benchekroun, a écrit au ministre de l'Intérieur pour demander des "
        "renforts."
    )
    request = [e for e in found if e.type == "REQUEST"]
    assert request and "ministre" in request[0].recipient[0].name


def test_a_visit_in_the_passive_and_one_act_of_aid():
    found = _full("Une délégation de parents sera reçue le 2 avril par le recteur de Rennes.")
    assert found and found[0].type == "AGREE"
    assert "délégation" in found[0].actor[0].name and "recteur" in found[0].recipient[0].name
    found = _events(
        "Le gouvernement ivoirien a décidé de débloquer un fonds d'urgence pour venir en aide "
        "aux sinistrés des inondations."
    )
    assert [e[0] for e in found] == ["AID"]


def test_a_threat_is_aimed_at_whom_its_condition_is_about():
    found = _events(
        "Les habitants druzes du Golan ont menacé d'observer une grève générale si Israël ne "
        "revenait pas sur son annexion."
    )
    assert ("THREATEN", ["habitants druzes du Golan"], ["ISR"]) in [e[:3] for e in found]


def test_a_visit_is_hosted_by_the_state_it_goes_to():
    found = _events("Le président irakien est arrivé mercredi à Amman pour une visite officielle.")
    assert ("CONSULT", ["IRQ"], ["JOR"]) in [e[:3] for e in found]


def test_what_a_noun_act_is_done_to_and_names_that_are_not_acts():
    # the de-complement of "arrestation" undergoes it; that of "envoi" is what is sent
    found = _full("La police iranienne a annoncé l'arrestation de deux journalistes français.")
    coerce = [e for e in found if e.type == "COERCE"]
    assert coerce and [p.country for p in coerce[0].recipient] == ["FRA"]
    found = _full("Le ministre français de l'Intérieur a annoncé l'envoi d'une compagnie de CRS.")
    mobilize = [e for e in found if e.type == "MOBILIZE"]
    assert mobilize and "ministre" in mobilize[0].actor[0].name
    # a word of an organisation's name is no act
    found = _events("L'Organisation de libération de la Palestine a condamné l'attaque.")
    assert "RETREAT" not in [e[0] for e in found]


def test_events_in_the_store(tmp_path, examples):
    from wirelens.store import open_store
    from wirelens.store.base import EventQuery
    from wirelens.store.ingest import ingest

    with open_store(tmp_path / "e.db") as store:
        ingest([str(examples / "afp-putin-xi.fr.txt")], store, SETTINGS, workers=1, progress=False)
        all_events = store.events(EventQuery(limit=None))
        assert store.count_events(EventQuery()) == len(all_events) >= 5
        assault = store.events(EventQuery(type="ASSAULT", country="UKR"))
        assert [(e["actor"][0]["country"], e["flags"]) for e in assault] == [
            ("RUS", ["historical"])
        ]
        assert assault[0]["recipient"][0]["actor_id"] == "country:UKR"
        assert all(
            any(p["actor_id"] == "kb:vladimir-putin" for p in e["actor"])
            for e in store.events(EventQuery(actor="Poutine", limit=None))
        )
        assert store.events(EventQuery(flag="historical", type="AGREE")) == []
        assert store.count_events(EventQuery(dedupe=True)) == len(all_events)
