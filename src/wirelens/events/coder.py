"""The event coder: trigger words from the lexicon, participants from the dependency parse.

For each sentence of the body:

1. **Triggers.** A verb whose lemma is in `events.tsv` (the most specific row: one whose
   complement heads the verb's object or complement, "ouvrir une enquête"), an event noun
   with an identifiable participant ("l'assaut de Moscou contre l'Ukraine", "les sanctions
   occidentales") or the object of a verb ("a imposé des sanctions"), an event adjective
   ("s'est dit satisfait").
2. **Modality.** An intended, promised or future cooperative act ("veut renforcer la
   coopération", "se rendra") is AGREE; an announced retreat CONCEDE; a conflict act under
   a condition ("si", "à moins que") THREATEN. Otherwise future/conditional/negation/background
   give the flags `future`, `hypothetical`, `negated`, `historical`.
3. **Participants.** Actor: the subject (through control and coordination: "menace de
   bloquer", "a déclaré … et a salué"), the agent of a passive, the de-complement or the
   demonym of an event noun. Recipient: the object or a complement introduced by à, contre,
   avec, envers… Each is resolved to a name and a country: entities of the article (through
   pronouns, and the speaker of the quotation a first-person pronoun is in), countries and
   seats of power used for their state ("Moscou", "le Kremlin" → Russie/RUS), demonyms
   ("l'armée russe"), collective actors ("occidentales" → Occident), and descriptions resolved
   by the knowledge base on the article's date.
4. **One event per act:** the same type with the same participants is kept once, first seen.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span, Token

from wirelens import kb
from wirelens.actors.canonical import country_name, resolver
from wirelens.events.lexicon import Trigger, load_event_lexicon
from wirelens.model import Event, EventParticipant, Quote
from wirelens.model import Span as TextSpan
from wirelens.quotes.lexicon import fold, load_lexicon
from wirelens.spacy_cache import doc_text, token_attrs

_SUBJ = ("nsubj", "nsubj:pass")
_COMPLEMENT_DEPS = ("obj", "obl", "obl:arg", "obl:mod", "iobj", "xcomp", "nmod", "ccomp", "fixed")
_GOVERNED_DEPS = ("xcomp", "obj", "obl", "obl:arg", "obl:mod", "nmod")
_NP_STOP_DEPS = ("acl", "acl:relcl", "appos", "punct", "cc", "conj", "advcl", "dep", "parataxis")


class EventCoder:
    def __init__(self, lang: str = "fr") -> None:
        self.lang = lang
        self._demonyms_seen: dict[str, str | None] = {}
        self._codes_seen: dict[str, set[str]] = {}
        self.lex = load_event_lexicon(lang)
        self.qlex = load_lexicon(lang)
        self.resolver = resolver(lang)
        s = self.lex.set
        self.intent = s("intent")
        self.cooperative = frozenset(self.lex.words.get("cooperative", ()))
        self.retreat = frozenset(self.lex.words.get("retreat", ()))
        self.conflict = frozenset(self.lex.words.get("conflict", ()))
        self.future_aux, self.hypo_aux = s("future_aux"), s("hypothetical_aux")
        self.cond_marks, self.negations = s("conditional_marks"), s("negations")
        # matched with their accents: folded, "dès" would be the article "des"
        self.historical_marks = frozenset(
            w.lower() for w in self.lex.words.get("historical_marks", ())
        )
        self.recipient_preps, self.agent_preps = s("recipient_preps"), s("agent_preps")
        self.reciprocal_preps = s("reciprocal_preps")
        self.source_preps = s("source_preps")
        self.purpose_marks = s("purpose_marks")
        self.collectives = {fold(k): v for k, v in self.lex.words.get("collectives", {}).items()}
        self.person_nouns = s("person_nouns")
        self.light_verbs = s("light_verbs")
        self.obligation = s("obligation")
        self.copulas = s("copular_verbs")
        self.needs_recipient = s("needs_recipient")
        self.needs_recipient_types = frozenset(self.lex.words.get("needs_recipient_types", ()))
        self.collective_names = {fold(v) for v in self.collectives.values()}
        self.relatives = s("relative_pronouns")
        self.etre_verbs = s("etre_verbs")
        self.plural_pronouns = s("plural_pronouns")
        self.frame_nouns = s("frame_nouns")
        self.host_verbs = s("host_verbs")
        self.relational = s("relational_nouns")
        # lemmas that can start an event: the rest of a text is skipped at once
        self.candidates = (
            frozenset(
                {*self.lex.verbs, *self.lex.nouns, *self.lex.adjectives, *self.lex.multiword_nouns}
            )
            | s("ready")
            | s("obligation")
        )
        self.ready = s("ready")
        self.tense_endings = self.lex.words.get("tense_endings", {})
        stems = self.lex.words.get("future_stems", {})
        # longest ending first: "pouvoir" is not "voir"
        self.future_stems = {fold(k): fold(stems[k]) for k in sorted(stems, key=len, reverse=True)}
        self.speech_senses = s("speech_senses")
        self.preparation, self.ending = s("preparation"), s("ending")
        self.ending_types = self.lex.words.get("ending_types", {})
        self.numbers = {fold(k): v for k, v in self.lex.words.get("numbers", {}).items()}
        self.group_nouns = {
            fold(noun): kind
            for kind, nouns in self.lex.words.get("group_nouns", {}).items()
            for noun in nouns
        }
        self.reciprocal_types = frozenset(self.lex.words.get("reciprocal_types", ()))
        self.quantity_nouns = s("quantity_nouns")
        self.future_marks, self.time_nouns = s("future_marks"), s("time_nouns")
        self.implicit_recipient_types = frozenset(
            self.lex.words.get("implicit_recipient_types", ())
        )
        self.contractions = {
            fold(k): fold(v) for k, v in self.lex.words.get("contractions", {}).items()
        }
        self.refusal, self.threat = s("refusal"), s("threat")
        self.governing_verbs = self.refusal | self.threat | self.intent | self.preparation
        self.hostile_intent = s("hostile_intent")
        self.decision_verbs = s("decision_verbs")
        self.talk_verbs = s("talk_verbs")
        self.transfer_verbs = s("transfer_verbs")
        self.theme_nouns = s("theme_nouns")
        self.patient_nouns = s("patient_nouns")
        self.ambiguous_demonyms = s("ambiguous_demonyms")
        self.refusal_modes = self.lex.words.get("refusal_modes", {})
        self.threat_modes = self.lex.words.get("threat_modes", {})
        bodies = self.lex.words.get("international_bodies", {})
        self.international = []  # (words as written, folded words, is an acronym, code)
        for code, names in bodies.items():
            for name in names:
                words = " ".join(re.findall(r"\w+", name))
                self.international.append((words, fold(words), words.upper() == words, code))

    # -- entry point ----------------------------------------------------------------------
    def code(
        self,
        doc: Doc,
        tracker,
        quotes: list[Quote] | None = None,
        published: str | None = None,
        body_start: int = 0,
        dateline_place: str | None = None,
    ) -> list[Event]:
        self.doc, self.tracker, self.published = doc, tracker, published
        self.text = doc_text(doc)  # `Doc.text` joins every token again at each access
        self.ents = list(doc.ents)
        self._codes_seen: dict[str, set[str]] = {}
        self._np_seen: dict[tuple[int, bool], str] = {}
        self._offices: set[str] | None = None
        self._mention_counts: Counter | None = None
        # words inside a multi-word name, after its first: not acts ("Tigres de libération")
        self.inside_names = {
            i for e in self.ents if e.label_ in ("ORG", "MISC") for i in range(e.start + 1, e.end)
        }
        self.home = self._home_country(dateline_place, body_start)
        body_start = max(body_start, self._headline_end())
        tokens = token_attrs(doc)
        lemmas = tokens.lemma
        self.quotes = quotes or []
        self.entity_names = {}
        events: list[Event] = []
        seen: set[tuple] = set()
        for sent in doc.sents:
            if sent.end_char <= body_start:
                continue  # the headline: the act is coded where the body reports it
            for i in range(sent.start, sent.end):
                if (
                    fold(lemmas[i]) not in self.candidates
                    and fold(tokens.text[i]) not in self.lex.nouns
                ):
                    continue  # no trigger, no "prêt à", no obligation: most words
                tok = doc[i]
                event = self._event_at(tok, sent)
                if event is None or event.trigger.start < body_start:
                    continue
                if self._in_direct_quote(event.trigger.start):
                    continue  # « Je regrette chaque jour »: the speaker's words, not an act
                actors = frozenset(fold(p.name) for p in event.actor)
                noun = self._noun_trigger(tok) if tok.pos_ == "NOUN" else None
                key = (  # the same act told again: same type and participants, and the same
                    # verb, or a noun of the same kind ("l'assaut", "l'offensive de Moscou")
                    event.type,
                    actors,
                    frozenset(fold(p.name) for p in event.recipient),
                    noun.type if noun is not None else fold(tok.lemma_),
                )
                # the lead restated in the body: same actor, same verb, same object
                obj = next((fold(c.lemma_) for c in tok.children if c.dep_ == "obj"), None)
                act = (event.type, actors, fold(tok.lemma_), obj) if obj else None
                mention = (event.type, fold(tok.lemma_))
                if tok.pos_ == "NOUN" and self._definite(tok) and mention in seen:
                    continue  # "les pourparlers" after the talks were reported: the same act
                seen.add(mention)
                if key in seen or (act is not None and act in seen):
                    continue
                seen.update((key, act) if act is not None else (key,))
                events.append(event)
        events.sort(key=lambda e: e.trigger.start)
        return events

    def _headline_end(self) -> int:
        """The end of a headline that opens the text without a dateline after it: a first
        line of at most 25 words, without final punctuation, followed by a blank line."""
        text = self.text
        lead = len(text) - len(text.lstrip())
        end = text.find("\n", lead)
        if end < 0 or not text.startswith("\n", end + 1):
            return 0
        line = text[lead:end].rstrip()
        if not line or len(line.split()) > 25 or line[-1] in '.!?…»"”':
            return 0
        return end

    def _home_country(self, dateline_place: str | None, body_start: int) -> str | None:
        """The country a story happens in, when one clearly dominates: its dateline's place
        counts three, each place named in the body and each demonym one ("SAINT-JÉRÔME —
        … le CISSS … à Québec" is Canadian). Unplaced local people and bodies act for it."""
        votes: Counter[str] = Counter()
        if dateline_place:
            iso = self.resolver.place_country(dateline_place, self.lang)
            if iso:
                votes[iso] += 3
        for ent in self.ents:
            if ent.label_ in ("LOC", "GPE") and ent.start_char >= body_start:
                iso = self.resolver.place_country(ent.text, self.lang)
                if iso:
                    votes[iso] += 1
        for word in re.findall(r"\b[a-zàâçéèêëîïôûùüÿœ-]{4,}\b", self.text[body_start:]):
            iso = self.qlex.countries.get(fold(word))
            if iso:
                votes[iso] += 1
        ranked = votes.most_common(2)
        if not ranked:
            return None
        second = ranked[1][1] if len(ranked) > 1 else 0
        return ranked[0][0] if ranked[0][1] > 2 * second else None

    # -- triggers -------------------------------------------------------------------------
    def _complements(self, tok: Token) -> set[str]:
        found = set()
        for child in tok.children:
            if child.dep_ in _COMPLEMENT_DEPS or child.dep_.startswith(("obl", "compound")):
                found.add(fold(child.lemma_))
                for g in child.children:
                    if g.dep_ in ("fixed", "flat", "case", "mark", "nmod"):
                        # "appeler à", "mettre en garde", "condamné à dix ans de prison"
                        found.add(fold(g.lemma_))
        return found

    def _pick(self, entries: list[Trigger], comps: set[str]) -> Trigger | None:
        specific = [t for t in entries if t.complement and t.complement in comps]
        if specific:  # a "-" row is an idiom that names no act ("tirer les leçons")
            return specific[0] if specific[0].type != "-" else None
        plain = [t for t in entries if t.complement is None]
        return plain[0] if plain else None

    def _verb_trigger(self, tok: Token) -> Trigger | None:
        if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "ADJ" and tok.tag_ != "ADJ"):
            if tok.pos_ == "ADJ":
                entries = self.lex.adjectives.get(fold(tok.lemma_))
                return self._pick(entries, set()) if entries else None
            return None
        entries = self.lex.verbs.get(fold(tok.lemma_))
        if not entries:
            return None
        return self._pick(entries, self._complements(tok))

    def _noun_trigger(self, tok: Token) -> Trigger | None:
        if tok.pos_ != "NOUN":
            return None
        key = fold(tok.lemma_)
        for rest, trig in self.lex.multiword_nouns.get(key, ()):
            following = [fold(t.text) for t in tok.doc[tok.i + 1 : tok.i + 1 + len(rest)]]
            if tuple(following) == rest:
                return trig
        entries = self.lex.nouns.get(key) or self.lex.nouns.get(fold(tok.text))
        if entries:  # keys are folded: "une marche" is a protest, "les marchés" are not
            accents = {c for c in tok.text.lower() if not c.isascii()}
            entries = [
                t
                for t in entries
                if not t.written or accents == {c for c in t.written if not c.isascii()}
            ]
        return self._pick(entries, set()) if entries else None

    # -- one event ------------------------------------------------------------------------
    def _event_at(self, tok: Token, sent: Span) -> Event | None:
        if fold(tok.lemma_) in self.obligation and tok.dep_ == "ccomp":
            return self._obligation(tok, sent)
        if tok.dep_ == "xcomp" and self._asks(tok.head):
            return None  # "a exhorté la Turquie à ratifier": the demand is the event
        trig = self._verb_trigger(tok)
        if trig is not None and trig.type == "REQUEST" and self._calls_protest(tok):
            return None  # "le syndicat a appelé à une marche": the march is the event
        if trig is not None and self._protest_purpose(tok):
            return None  # "se sont rassemblés pour protester contre …": the protest says it
        if (
            trig is not None
            and fold(tok.lemma_) in self.refusal
            and any(
                c.dep_ == "xcomp"
                and (fold(c.lemma_) in self.talk_verbs or self.qlex.cue_kind(c.lemma_, c.text))
                for c in tok.children
            )
        ):
            return None  # "a refusé de commenter": silence is not a refusal of anything
        if trig is not None:
            if not self._asks(tok) and any(
                c.dep_ == "xcomp"
                and (
                    self._verb_trigger(c)
                    # "a refusé d'apporter une aide": the noun's act, typed by the refusal
                    # (not "a autorisé l'opposition à organiser un rassemblement")
                    or fold(tok.lemma_) in self.governing_verbs
                    and self._light(c)
                    and any(g.dep_ == "obj" and self._noun_trigger(g) for g in c.children)
                )
                for c in tok.children
            ):
                # "accepte de retirer", "a refusé d'apporter une aide": the complement's act
                # is the event, which the governing verb types
                return None
            if self._light(tok) and any(
                c.dep_ == "obj" and self._noun_trigger(c) for c in tok.children
            ):
                return None  # "a offert un soutien": the noun names the act
            return self._verbal_event(tok, trig, sent)
        trig = self._noun_trigger(tok)
        if trig is not None:
            if tok.i in self.inside_names:
                return None  # "l'Organisation de libération de la Palestine" is a name
            return self._nominal_event(tok, trig, sent)
        if fold(tok.lemma_) in self.ready and any(
            c.dep_ == "xcomp"
            and c.pos_ == "VERB"
            and self._verb_trigger(c) is None
            # "prêt à imposer la loi martiale": the noun names the act
            and not any(g.dep_ == "obj" and self._noun_trigger(g) for g in c.children)
            for c in tok.children
        ):
            # "il s'est dit prêt à étudier toutes les solutions": an offer to cooperate
            return self._verbal_event(tok, Trigger("AGREE", None, None), sent)
        return None

    def _protest_purpose(self, verb: Token) -> bool:
        """A demand or complaint that is the purpose of a protest ("se sont rassemblés pour
        protester contre …", "une grève pour exiger …"): not a second event (§1.1)."""
        trig = self._purpose_of(verb)
        return trig is not None and trig.type == "PROTEST"

    @staticmethod
    def _marked(clause: Token, marks: frozenset[str]) -> bool:
        """A clause introduced by one of these conjunctions ("pour …", "si …")."""
        return any(c.dep_ == "mark" and fold(c.text) in marks for c in clause.children)

    def _purpose_of(self, verb: Token) -> Trigger | None:
        """The act a "pour + infinitive" clause is the purpose of, if it names one."""
        if verb.dep_ not in ("advcl", "acl") or not self._marked(verb, self.purpose_marks):
            return None
        head = verb.head
        trig = self._verb_trigger(head) if head.pos_ != "NOUN" else self._noun_trigger(head)
        if trig is None and head.pos_ == "VERB":  # "ont organisé des manifestations pour …"
            trig = next(
                (
                    t
                    for c in head.children
                    if c.dep_ in ("obj", "obl:mod", "obl")
                    for t in [self._noun_trigger(c)]
                    if t is not None
                ),
                None,
            )
        return trig

    @staticmethod
    def _definite(noun: Token) -> bool:
        return any(
            c.dep_ == "det" and "Def" in c.morph.get("Definite") for c in noun.children
        ) or any(c.dep_ == "case" and c.lower_ in ("au", "aux", "du", "des") for c in noun.children)

    def _introduces_quote(self, verb: Token) -> bool:
        return any(q.cue is not None and q.cue.start <= verb.idx < q.cue.end for q in self.quotes)

    def _calls_protest(self, verb: Token) -> bool:
        for child in verb.children:
            if child.dep_ in ("obl", "obl:arg", "obj") and child.pos_ == "NOUN":
                trig = self._noun_trigger(child)
                if trig is not None and trig.type == "PROTEST":
                    return True
        return False

    def _asks(self, verb: Token) -> bool:
        """A demand verb ("exhorter", "appeler à"): its complement is what is asked, not done."""
        trig = self._verb_trigger(verb)
        return trig is not None and trig.type == "REQUEST"

    def _obligation(self, modal: Token, sent: Span) -> Event | None:
        """ "X a déclaré que Y devait lever les barrières": X asks Y (REQUEST)."""
        cue = modal.head
        if not (cue.pos_ == "VERB" and self.qlex.cue_kind(cue.lemma_, cue.text)):
            return None
        if not any(c.dep_ == "xcomp" for c in modal.children):
            return None
        speaker, addressee = self._subject(cue), self._subject(modal)
        if speaker is None or addressee is None:
            return None
        actors, recipients = self._participants(speaker), self._participants(addressee)
        if not actors or not recipients or {p.name for p in actors} == {p.name for p in recipients}:
            return None
        if {p.country for p in actors if p.country} & {p.country for p in recipients}:
            return None  # "la Chine et la Russie devraient …" said by Chinese media: no demand
        start = self._span_start(modal)
        end = max(c.idx + len(c) for c in modal.children if c.dep_ == "xcomp")
        return self._make("REQUEST", "change", actors, recipients, start, end, sent, set(), 0.5)

    def _light(self, verb: Token) -> bool:
        return fold(verb.lemma_) in self.light_verbs

    def _controller(self, tok: Token) -> Token:
        """The verb whose subject `tok` shares: through xcomp, coordination and aux chains."""
        cur = tok
        while (
            cur.head is not cur
            and not self._subject(cur)
            and (cur.dep_ in ("xcomp", "conj") or cur.dep_ == "advcl" and self._nonfinite(cur))
        ):
            cur = cur.head  # "…, appelant les pays à …", "a écrit au ministre pour demander …"
        return cur

    @staticmethod
    def _nonfinite(verb: Token) -> bool:
        """An infinitive ("pour demander", "avoir mis fin") or a present participle."""
        form = verb.morph.get("VerbForm")
        return (
            "Inf" in form
            or ("Part" in form and "Pres" in verb.morph.get("Tense"))
            or any(
                c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm") for c in verb.children
            )
        )

    @staticmethod
    def _subject(tok: Token) -> Token | None:
        for child in tok.children:
            if child.dep_ in _SUBJ:
                return child
        return None

    def _passive(self, tok: Token) -> bool:
        if any(c.dep_ == "aux:pass" for c in tok.children):
            return True
        # "les deux ministres se sont entretenus": pronominal, not passive, whatever the
        # parser calls the subject
        reflexive = any(c.lower_ in ("se", "s'", "s’") for c in tok.children)
        return not reflexive and any(c.dep_ == "nsubj:pass" for c in tok.children)

    def _verbal_event(self, tok: Token, trig: Trigger, sent: Span) -> Event | None:
        type_, mode = trig.type, trig.mode
        if (
            tok.dep_ in ("acl", "amod")
            and "Part" in tok.morph.get("VerbForm")
            and "Past" in tok.morph.get("Tense")
            and type_ not in self.conflict
            and not any(self._case(c) in self.agent_preps for c in tok.children)
            and not any(t.pos_ == "AUX" for t in tok.doc[max(tok.i - 3, 0) : tok.i])
        ):
            return None  # "Alioune Ba, rencontré en marge": met by the reporter, not an act
        if fold(tok.lemma_) in self.speech_senses and (
            any(c.dep_ == "ccomp" for c in tok.children) or self._introduces_quote(tok)
        ):
            return None  # "a reconnu que …", "« … », a plaidé la procureure": speech only
        head = tok.head if tok.dep_ == "xcomp" else None
        intent = head is not None and (
            fold(head.lemma_) in self.intent or fold(head.lemma_) in self.lex.verbs
        )
        if tok.dep_ == "xcomp" and fold(tok.head.lemma_) in self.copulas and tok.pos_ == "ADJ":
            intent = False  # "s'est dit satisfait": the adjective is the act, not an intent
        if head is not None and fold(head.lemma_) in self.decision_verbs:
            intent = False  # "a décidé de débloquer un fonds": decided is done
        flags = self._flags(tok, head)
        governed = self._governed(type_, tok)
        opener = None  # the governing verb that names the act ("a refusé de …")
        if governed is not None:
            type_, mode, opener = governed
            flags.discard("future")
        elif {"negated", "future"} <= flags and type_ in self.refusal_modes:
            # "ils ne satisferaient pas les exigences", "n'accueillera plus de réfugiés": an
            # announced refusal, which the guideline codes as REJECT, not a negated act
            type_, mode = "REJECT", self.refusal_modes[type_]
            flags -= {"negated", "future"}
        else:
            type_, mode = self._intended(type_, mode, intent, flags, self._hostile(head))
        if type_ in self.conflict and self._conditional(sent):
            type_ = "THREATEN"
            mode = None
            flags.discard("hypothetical")
        subject_of = self._controller(head if intent and head is not None else tok)
        actors: list[EventParticipant] = []
        recipients: list[EventParticipant] = []
        hosted = fold(tok.lemma_) in self.host_verbs and trig.type == "CONSULT"
        if hosted and self._passive(tok):
            # "une délégation sera reçue à la direction académique": the visitor acts
            for child in tok.children:
                if child.dep_ == "nsubj:pass":
                    actors += self._participants(child)
            hosted = False  # the roles are already the visit's
        elif self._passive(tok) and fold(tok.lemma_) not in self.etre_verbs:
            for child in tok.children:
                if child.dep_ == "nsubj:pass":
                    recipients += self._participants(child)
                elif child.dep_.startswith("obl") and self._case(child) in self.agent_preps:
                    actors += self._participants(child)
        else:
            subj = self._subject(subject_of) or self._subject(tok)
            if subj is not None:
                actors += self._doers(subj)
            elif subject_of.dep_ in ("acl", "amod") and subject_of.head.pos_ in ("NOUN", "PROPN"):
                recipients += self._participants(subject_of.head)  # "Frappée par …, la ville"
        themes: list[EventParticipant] = []
        for holder in (tok, *[c for c in tok.children if c.dep_ == "xcomp"]):
            for child in holder.children:
                dep = child.dep_
                if (
                    dep == "nsubj"
                    and child.i > holder.i
                    and child.pos_ == "NOUN"
                    and any(c.dep_ in _SUBJ and c.i < holder.i for c in holder.children)
                ):
                    dep = "obj"  # "qu'elle rencontrerait le ministre": a second subject
                if dep in ("obj", "iobj") or dep.startswith("obl") or dep == "ccomp":
                    prep = self._case(child)
                    if dep.startswith("obl") and prep in self.agent_preps:
                        if fold(tok.lemma_) in self.host_verbs and self._passive(tok):
                            recipients += self._participants(child)  # "reçu par le maire"
                        continue
                    if (
                        dep.startswith("obl")
                        and prep
                        and prep not in self.recipient_preps
                        and not (holder.pos_ == "ADJ" and prep == "de")  # "satisfait des liens"
                    ):
                        continue
                    if (
                        prep in ("a", "en", "dans")
                        and child.text[:1].isupper()
                        and (
                            type_ not in ("CONSULT", "AID", "MOBILIZE", "AGREE")
                            or fold(tok.lemma_) in self.host_verbs  # "a reçu … au Kremlin"
                        )
                        and (
                            self._city(child)
                            or fold(tok.lemma_) in self.host_verbs
                            and self._place(child)  # "sera reçue … à Saint-Étienne"
                        )
                    ):
                        continue  # "s'est exprimé à Dakar": where, not at whom
                    if (
                        prep in ("a", "en", "dans")
                        and child.pos_ == "PROPN"
                        and type_ not in ("CONSULT", "AID", "MOBILIZE", "AGREE")
                        and self.tracker.entity_at(child.idx, child.idx + len(child)) is None
                    ):
                        continue  # "à Paris": where it happened, not at whom
                    if dep == "ccomp":  # "exige que Moscou retire …": Moscou
                        subj = self._subject(child)
                        found = self._participants(subj) if subj is not None else []
                    else:
                        found = self._participants(child, deep=dep == "obj" or holder.pos_ == "ADJ")
                    if prep in self.reciprocal_preps and type_ in ("CONSULT", "COOPERATE", "AGREE"):
                        actors += found
                    elif dep == "obj" and fold(holder.lemma_) in self.transfer_verbs:
                        themes += found  # "fournir 4.000 soldats à …": what is given
                    else:
                        recipients += found
        if themes and not recipients:
            recipients = themes  # no one it is given to: the object is what the act is about
        if self._passive(tok) and not actors:
            # "sept personnes ont été blessées": no agent given, and the source is not one
            actors = [EventParticipant(name="", country=None)]
        actors, recipients = self._told(tok, actors, recipients, type_)
        actors = [p for p in actors if p.name]
        if not recipients and type_ == "PROTEST":
            recipients = self._protest_target(tok)
        actors, recipients = _unique(_placed(actors)), _unique(_placed(recipients))
        if hosted and recipients:
            actors, recipients = recipients, actors  # the visitor acts, the host receives
        if not recipients and trig.mode == "visit" and fold(tok.lemma_) not in self.host_verbs:
            recipients = self._destination(tok)  # "s'est rendu à Moscou", "arrivé à Amman"
        if not recipients and actors and type_ not in self.reciprocal_types:
            recipients = (
                self._purpose_party(tok)
                or (self._condition_party(tok) if type_ == "THREATEN" else [])
                or self._named_party(tok, actors)
            )
        if not actors and not recipients:
            return None
        if (
            not recipients
            and len(actors) < 2  # "la Bosnie et la Slovénie ont accepté …": each other
            and (type_ in self.needs_recipient_types or fold(tok.lemma_) in self.needs_recipient)
        ):
            return None  # "a averti que …" warns nobody; aid, cooperation need a recipient
        confidence = 0.7
        if not recipients and actors and type_ in self.implicit_recipient_types:
            # "Dans l'opposition, X dénonce un vote précipité": aimed at the story's protagonist
            recipients, confidence = self._protagonist(actors), 0.5
        start = self._span_start(head if intent and head is not None else tok)
        if opener is not None:
            start = min(start, self._span_start(opener))
        end = self._span_end(tok, trig)
        return self._make(type_, mode, actors, recipients, start, end, sent, flags, confidence)

    def _destination(self, verb: Token) -> list[EventParticipant]:
        """The state a visit goes to, from where its verb goes ("à Amman", "en Bosnie"): the
        host, by the guideline's metonymy of capitals."""
        # also under a time complement: "arrivé mercredi à Amman" is often parsed so
        for child in [*verb.children, *(g for c in verb.children for g in c.children)]:
            if child.dep_ in ("obl", "obl:mod", "obl:arg", "nmod") and self._case(child) in (
                "a",
                "en",
            ):
                name = self._np_text(child, names_only=True)
                iso = self.resolver.place_country(name, self.lang) if name[:1].isupper() else None
                if iso:
                    return [self._state(iso)]
        return []

    def _condition_party(self, verb: Token) -> list[EventParticipant]:
        """A threat is aimed at whoever its condition is about: "a menacé d'observer une grève
        si Israël ne revenait pas sur son annexion" → Israël."""
        for tok in (verb, *self._governors(verb)):  # "a menacé d'observer une grève si …"
            for clause in tok.children:
                if clause.dep_ != "advcl" or not self._marked(clause, self.cond_marks):
                    continue
                subj = self._subject(clause)
                if subj is not None and subj.pos_ != "PRON":
                    return self._participants(subj)
        return []

    def _purpose_party(self, verb: Token) -> list[EventParticipant]:
        """Whom an act is for, told by its purpose clause: "a débloqué un fonds pour venir en
        aide aux sinistrés", "… pour aider les familles"."""
        for clause in verb.children:
            if clause.dep_ != "advcl" or not self._marked(clause, self.purpose_marks):
                continue
            for child in clause.children:
                if (
                    child.dep_ in ("obj", "iobj", "obl:arg")
                    and child.pos_ in ("NOUN", "PROPN")
                    and self._case(child) in (None, "a")
                    and self._noun_trigger(child) is None
                ):
                    found = self._participants(child, deep=False)
                    if found:
                        return found
        return []

    def _named_party(self, verb: Token, actors: list[EventParticipant]) -> list[EventParticipant]:
        """The nearest state, person or organisation named in the complements of an act that
        has no recipient of its own: the other party of a one-sided act is usually named
        deeper in the clause ("a refusé d'apporter une aide à la guerre menée par les
        Etats-Unis", "a rejeté une offre de l'Afghanistan", "a menacé d'imposer des
        restrictions aux produits allemands")."""
        acting = {p.country for p in actors if p.country} | {fold(p.name) for p in actors}
        frontier = [
            c
            for c in verb.children
            if c.dep_ in _COMPLEMENT_DEPS and self._case(c) not in self.agent_preps
        ]
        for _ in range(4):
            following = []
            for tok in sorted(frontier, key=lambda t: t.i):
                if self._case(tok) in self.source_preps:
                    continue  # "selon des responsables"
                found = []
                if tok.pos_ in ("PROPN", "NOUN") and (
                    tok.pos_ == "PROPN" or tok.text[:1].isupper()
                ):
                    if not self._city(tok):  # "à Paris": where, not at whom
                        found = [
                            p
                            for p in self._participant(tok, False)
                            if p.country or self._named_actor(p)
                        ]
                elif tok.pos_ == "ADJ":
                    found = self._adjective_participant(tok)
                found = [p for p in found if p.country not in acting and fold(p.name) not in acting]
                if found:
                    return found
                following += [
                    c
                    for c in tok.children
                    # deeper down, the agent of an embedded act is a party too ("une aide
                    # à l'offensive menée par les États-Unis")
                    if c.dep_ in (*_COMPLEMENT_DEPS, "amod", "conj", "acl", "advcl", "obl:agent")
                    and c.dep_ not in _SUBJ
                ]
            frontier = following
        return []

    def _named_actor(self, p: EventParticipant) -> bool:
        """A participant that is a named person or organisation (not a place: "l'Asie")."""
        ent = self.tracker.entity(p.entity) if p.entity else None
        return ent is not None and ent.type in ("PER", "ORG")

    def _protagonist(self, actors: list[EventParticipant]) -> list[EventParticipant]:
        """The person or organisation the article mentions most (at least twice), when it is
        not the actor: the usual target of a criticism or demand that names no one."""
        acting = {p.entity for p in actors} | {fold(p.name) for p in actors}
        surnames = {fold(p.name).split()[-1] for p in actors if p.name.strip()}
        counts = self._mentions()  # by name, description ("le maire") or pronoun
        best, best_count = None, 1
        for ent in self.tracker.entities:
            if ent.type not in ("PER", "ORG") or counts[ent.id] < 2:
                continue
            if ent.id in acting or fold(ent.name) in acting:
                continue
            if ent.words and ent.words[-1] in surnames:
                continue  # "M. Diabaté" is Alassane Diabaté
            if counts[ent.id] > best_count:
                best, best_count = ent, counts[ent.id]
        return [self._entity_participant(best)] if best is not None else []

    def _nominal_event(self, tok: Token, trig: Trigger, sent: Span) -> Event | None:
        if tok.dep_ in ("obj", "obl", "obl:arg", "obl:mod") and tok.head.pos_ == "VERB":
            purpose = self._purpose_of(tok.head)
            if purpose is not None and purpose.type == trig.type:
                return None  # "débloquer un fonds … pour venir en aide": one act of aid
        if (
            tok.dep_ == "nmod"
            and tok.head.pos_ == "NOUN"
            and fold(tok.head.lemma_) not in self.frame_nouns
            and fold(tok.head.lemma_) not in self.time_nouns
            and not any(c.dep_ == "nummod" for c in tok.head.children)  # "trois jours de"
            and self._noun_trigger(tok.head) is None
            and self._case(tok) in ("de", "d'")
            and not any(c.dep_ in ("det", "nmod", "nmod:poss", "amod") for c in tok.children)
        ):
            return None  # "des équipes de soutien", "un plan de paix": a kind, not an act
        if trig.type == "AGREE" and not any(
            c.dep_ in ("acl", "xcomp")
            and c.pos_ == "VERB"
            or c.dep_ == "nmod"
            and self._noun_trigger(c) is not None
            for c in tok.children
        ):
            return None  # "des promesses", "son engagement": a promise of nothing in particular
        actors: list[EventParticipant] = []
        recipients: list[EventParticipant] = []
        for child in tok.children:
            prep = self._case(child)
            if child.dep_ in ("nmod", "nmod:poss") and prep in ("de", "du", "des", "d'", None):
                if child.pos_ == "NOUN" and not any(c.dep_ == "det" for c in child.children):
                    continue  # "une visite d'État" qualifies the act, nobody does it
                found = self._participants(child)
                if fold(tok.lemma_) in self.patient_nouns and child.dep_ == "nmod":
                    recipients += found  # "l'arrestation de deux journalistes": who undergoes it
                    continue
                if fold(tok.lemma_) in self.theme_nouns and child.pos_ == "NOUN":
                    # "l'envoi d'une compagnie de CRS": what is sent, not who sends it,
                    # unless it says whose it is ("le retrait des troupes américaines")
                    found = [p for p in found if p.country]
                actors += found
            elif child.dep_ == "nmod" and prep in self.recipient_preps:
                if prep in ("a", "en", "dans") and self._place(child):
                    continue  # "une marche lundi à Koné": where, not at whom
                recipients += self._participants(child)
            elif child.dep_ == "amod":
                actors += self._adjective_participant(child)
        start, end = tok.idx, tok.idx + len(tok)
        head = tok.head
        type_, mode = trig.type, trig.mode
        if tok.dep_ == "obl:agent" and head.pos_ in ("VERB", "ADJ") and not recipients:
            # "Battu par des sanctions occidentales …, Poutine": the one struck is the recipient
            if head.dep_ in ("acl", "amod"):
                recipients += self._participants(head.head)
            elif head.dep_ in ("advcl", "obl:mod", "dep") and head.head.pos_ in ("VERB", "AUX"):
                # a fronted participle clause is about the main clause's subject
                subj = self._subject(head.head)
                if subj is not None:
                    recipients += self._participants(subj)
        flags: set[str] = set()
        # "ont organisé des manifestations" ("des" read as a preposition: obl) is an object
        partitive = tok.dep_.startswith("obl") and self._case(tok) in ("des", "de", "d'", "du")
        if (
            (tok.dep_ == "obj" or partitive and self._light(head))
            and head.pos_ == "VERB"
            and (self._verb_trigger(head) is None or self._light(head))
        ):
            governor = head.head if head.dep_ == "xcomp" else None
            intent = governor is not None and fold(governor.lemma_) in self.intent
            if governor is None and fold(head.lemma_) in self.intent:
                governor, intent = head, True  # "le maire promet une réunion publique"
            flags = self._flags(head, governor)
            type_, mode = self._intended(
                type_, mode, intent, flags, intent and self._hostile(governor)
            )
            subj = self._subject(self._controller(governor if intent else head)) or self._subject(
                head
            )
            if subj is not None and not actors:
                actors += self._doers(subj)
            for child in head.children:
                prep = self._case(child)
                if child.dep_.startswith("obl") and prep in self.recipient_preps:
                    recipients += self._participants(child)
            start = self._span_start(governor if intent else head)
            actors, recipients = self._told(tok, actors, recipients, type_)
        elif (
            not actors
            and tok.dep_ in ("obl", "obl:arg", "obl:mod", "nmod")
            and (
                head.pos_ == "NOUN"
                and (head.dep_.startswith("obl") or head.dep_ == "obj")
                and (
                    fold(head.lemma_) in self.frame_nouns
                    # "après trois jours de discussions, la Norvège et l'Islande …"
                    or fold(head.lemma_) in self.time_nouns
                    and any(c.dep_ == "nummod" for c in head.children)
                )
                or head.pos_ == "ADV"
                and head.dep_ == "advmod"
            )
        ):
            # "au début des pourparlers", "un effort de médiation", "lors d'une visite"
            head = head.head
        if not actors and tok.dep_ in ("obl", "obl:arg", "obl:mod", "nmod") and head.pos_ == "VERB":
            # the act in a complement takes the clause's participants: "a appelé à une
            # marche" (the call announces the march), "après trois jours de discussions, la
            # Norvège et l'Islande sont parvenues …", "a déclaré Poutine à Xi au début des
            # pourparlers"
            subj = self._subject(self._controller(head))
            if subj is not None:
                actors += self._participants(subj)
            told = self._dative(head) if self.qlex.cue_kind(head.lemma_, head.text) else []
            if not told:  # "attendait Xi à Moscou lors d'une visite": the one awaited
                told = [
                    self._entity_participant(ent)
                    for c in head.children
                    if c.dep_ in ("obj", "iobj", "advmod", "dep") and c.pos_ in ("PROPN", "X")
                    for ent in [self.tracker.entity_at(c.idx, c.idx + len(c))]
                    if ent is not None and ent.type == "PER"
                ]
            if type_ in self.reciprocal_types:
                actors += told
            else:
                recipients += told
            if trig.mode == "visit" and not told:
                recipients += self._destination(head)  # "est arrivé à Amman pour une visite"
            if self._asks(head):
                flags.add("future")
        if not actors:
            actors, recipients = self._from_quote(tok, actors, recipients, type_)
        if not recipients and type_ == "PROTEST":
            recipients = self._protest_target(tok) or (
                self._protest_target(head) if head.pos_ == "VERB" else []
            )
        actors, recipients = _placed(actors), _placed(recipients)
        if not actors and not recipients:
            return None
        governors = self._governors(tok)
        if governors and (self._verb_trigger(governors[0]) is None or self._light(governors[0])):
            governed = self._governed(type_, tok)  # "a mis fin à la grève": a concession
            if governed is not None:
                type_, mode, verb = governed
                start = min(start, self._span_start(verb))
                flags.discard("future")
        if self._planned(tok):
            # "lors d'une visite au printemps prochain": planned, so cooperation is AGREE
            flags.add("future")
            type_, mode = self._intended(type_, mode, False, flags)
        elif self._background(tok, sent):
            flags.add("historical")
        if type_ in self.reciprocal_types and (
            sum(self._political(p) for p in (*actors, *recipients)) < 2
            or any(  # "une rencontre avec les professionnels du secteur": not talks
                self._case(c) in self.reciprocal_preps
                and c.pos_ == "NOUN"
                and not any(self._political(p) for p in self._participant(c, False))
                for c in tok.children
            )
        ):
            # "lors d'un entretien télévisé": an interview, not a meeting; "lors d'une
            # rencontre avec les producteurs": the setting of a statement, not talks
            return None
        if not recipients and actors and type_ not in self.reciprocal_types:
            recipients = (  # "une aide à la guerre menée par …"
                self._condition_party(tok) if type_ == "THREATEN" else []
            ) or self._named_party(tok, actors)
        if (
            not recipients
            and type_ in self.implicit_recipient_types
            and any(self._political(p) for p in actors)
        ):
            recipients = self._protagonist(actors)  # "les critiques de l'opposition"
        return self._make(type_, mode, actors, recipients, start, end, sent, flags, 0.5)

    def _hostile(self, governor: Token | None) -> bool:
        """A verb or adjective of resolve ("veut", "entend", "prêt à", "déterminée à"): a
        conflict act it governs is a threat."""
        if governor is None:
            return False
        form = fold(governor.text)
        return fold(governor.lemma_) in self.hostile_intent or any(
            form.removesuffix(end) in self.hostile_intent for end in ("es", "e", "s")
        )

    def _intended(
        self,
        type_: str,
        mode: str | None,
        intent: bool,
        flags: set[str],
        hostile: bool = False,
    ) -> tuple[str, str | None]:
        """§1.1 of the guideline: intended or future cooperation is AGREE, an announced retreat
        CONCEDE (neither keeps the `future` flag); a conflict act one is resolved to carry out
        ("prêt à imposer la loi martiale", "veut frapper") is THREATEN."""
        if hostile and type_ in self.conflict:
            flags.discard("future")
            return "THREATEN", self.threat_modes.get(type_)
        if intent or "future" in flags:
            if type_ in self.cooperative:
                flags.discard("future")
                return "AGREE", None
            if type_ in self.retreat:
                flags.discard("future")
                return "CONCEDE", None
        return type_, mode

    # -- flags ----------------------------------------------------------------------------
    def _flags(self, tok: Token, head: Token | None) -> set[str]:
        flags: set[str] = set()
        chain = [tok] + ([head] if head is not None else [])
        for verb in chain:
            tense = self._tense(verb)
            auxes = [c for c in verb.children if c.dep_.startswith("aux")]
            # in a compound form the auxiliary carries the tense ("sont parvenues" is not a
            # future, whatever the tagger says of the participle)
            for aux in auxes or [verb]:
                if "Fut" in aux.morph.get("Tense") or aux is verb and tense == "Fut":
                    flags.add("future")
            if any(
                "Imp" in a.morph.get("Tense") and fold(a.lemma_) in ("avoir", "etre")
                for a in auxes
                if a.dep_ == "aux:tense"
            ):
                flags.add("historical")  # "le prévenu avait démenti": before the news
            if "Cnd" in verb.morph.get("Mood") or tense == "Cnd":
                # in reported speech the conditional is the future of the past ("a rappelé
                # que le stock migrait … et que l'Islande demanderait …")
                clause = verb
                while clause.dep_ == "conj" and clause.head is not clause:
                    clause = clause.head
                reported = clause.dep_ in ("ccomp", "xcomp") or any(
                    fold(c.text) in ("que", "qu'") and c.i < verb.i  # "que", even misparsed
                    for c in verb.children
                )
                flags.add("future" if reported else "hypothetical")
            lemma = fold(verb.lemma_)
            if verb is head and lemma in self.future_aux:
                flags.add("future")
            if verb is head and lemma in self.hypo_aux:
                flags.add("hypothetical")
            if any(fold(c.lemma_) in self.negations for c in verb.children if c.dep_ == "advmod"):
                flags.add("negated")
        return flags

    def _tense(self, verb: Token) -> str | None:
        """Future or conditional read from the form when the tagger missed it: the future
        stem is the infinitive ("financer" → "financera", "prendre" → "prendrait")."""
        infinitive, form = fold(verb.lemma_), fold(verb.text)
        stem = infinitive[:-1] if infinitive.endswith("re") else infinitive
        for ending, irregular in self.future_stems.items():  # "satisfaire" → "satisfer-"
            if infinitive.endswith(ending):
                stem = infinitive[: len(infinitive) - len(ending)] + irregular
                break
        if len(stem) < 3 or not infinitive.endswith(("er", "ir", "re", "oir")):
            return None
        if not form.startswith(stem):
            return None
        return self.tense_endings.get(form[len(stem) :])

    def _conditional(self, sent: Span) -> bool:
        text = fold(self.text[sent.start_char : sent.end_char])
        return any(f" {m} " in f" {text} " for m in self.cond_marks)

    def _background(self, tok: Token, sent: Span) -> bool:
        head = tok.head
        if fold(head.lemma_) in self.time_nouns and any(c.dep_ == "nummod" for c in head.children):
            return False  # "après trois jours de discussions, …": what led to the news
        for t in (tok, tok.head):
            for c in t.children:
                if c.dep_ in ("case", "mark", "fixed") and c.lower_ in self.historical_marks:
                    return True
        left = [t.lower_ for t in self.doc[max(sent.start, tok.i - 4) : tok.i]]
        return any(w in self.historical_marks for w in left)

    # -- participants ---------------------------------------------------------------------
    def _case(self, tok: Token) -> str | None:
        """The preposition of a complement, contractions undone ("au" → "à")."""
        for child in tok.children:
            if child.dep_ in ("case", "mark"):
                form = fold(child.text)
                return self.contractions.get(form, form)
        return None

    def _participants(self, tok: Token, deep: bool = True) -> list[EventParticipant]:
        out = self._placed_in_phrase(tok, self._participant(tok, deep))
        for child in tok.children:
            if child.dep_ == "conj":
                out += self._placed_in_phrase(child, self._participant(child, deep))
        return out

    def _doers(self, subj: Token) -> list[EventParticipant]:
        """The participants a subject names; a common noun that names no known kind of
        person still stands for who acted ("des fondamentalistes islamistes ont poursuivi leur
        grève": `fondamentalistes islamistes`, as the guideline names unnamed groups)."""
        found = self._participants(subj)
        if found or subj.pos_ != "NOUN" or fold(subj.text) in self.qlex.time_words:
            return found
        if self._noun_trigger(subj) is not None or "Plur" not in subj.morph.get("Number"):
            return found  # "l'offensive a …", "la décision prévoit …": not a doer
        np = self._bare(self._np_text(subj))
        return [EventParticipant(name=np, country=self._country_of_text(np))]

    def _placed_in_phrase(
        self, tok: Token, found: list[EventParticipant]
    ) -> list[EventParticipant]:
        """A group or body with no country of its own takes the one its phrase names: "les
        rebelles de Côte d'Ivoire", "des partis d'opposition au Népal", "des manifestants à
        Bagdad", "le chef de la sécurité du Caire"."""
        if tok.pos_ not in ("NOUN", "PROPN") or not any(
            p.country is None and p.name and self._international(p.name) is None for p in found
        ):
            return found
        codes = self._codes(self._np_text(tok))
        for appos in tok.children:  # "Gorazde, ville bosniaque", "X, militant britannique"
            if appos.dep_ == "appos" and appos.pos_ == "NOUN":
                codes |= self._codes(self._np_text(appos))
        stack = [c for c in tok.children if c.dep_ not in _NP_STOP_DEPS]
        while stack:
            child = stack.pop()
            if child.pos_ == "PROPN" or child.pos_ == "NOUN" and child.text[:1].isupper():
                iso = self.resolver.country_of(self._np_text(child, names_only=True), self.lang)
                if iso:
                    codes.add(iso)
            stack.extend(c for c in child.children if c.dep_ not in _NP_STOP_DEPS)
        if len(codes) != 1:
            return found
        iso = next(iter(codes))
        return [
            p.model_copy(update={"country": iso})
            if p.country is None and p.name and self._international(p.name) is None
            else p
            for p in found
        ]

    def _participant(self, tok: Token, deep: bool) -> list[EventParticipant]:
        if fold(tok.text) in self.qlex.time_words:
            return []  # "Mercredi, la Serbie a …"
        if tok.pos_ == "NUM":  # "1.000 Turcs de souche", "quelque 500 rebelles"
            for child in tok.children:
                if child.dep_ in ("dep", "nmod", "appos") and child.pos_ in ("NOUN", "PROPN"):
                    return self._participant(child, deep)
            return []
        if tok.pos_ not in ("NOUN", "PROPN", "PRON") and tok.text[:1].isupper():
            iso = self.resolver.country_of(tok.text, self.lang)  # "la France et le Portugal"
            if iso:
                return [self._state(iso)]
        ent = self.tracker.entity_at(tok.idx, tok.idx + len(tok))
        if tok.pos_ == "PRON" and (ent is None or not tok.text[:1].isupper()):
            return self._pronoun(tok)  # ("Poutine" tagged as a pronoun is still a name)
        if (
            ent is not None
            and ent.type == "ORG"
            and tok.pos_ == "NOUN"
            and tok.text.islower()
            and self._international(ent.name) is None  # an official of the Otan acts for it
            and not any(m[0] <= tok.idx < m[1] for m in ent.mentions)  # not a word of the name
        ):
            role = self.qlex.role(self._np_text(tok))
            if role and role[2] == "PER":
                ent = None  # "le ministre de l'Intérieur" is a person, not the ministry
        if ent is not None:
            found = self._entity_participant(ent)
            if found.country is None:
                # "le président gambien Dawda Jawara": the role around the name places it
                context = self._np_text(tok)
                if tok.head is not tok and tok.head.pos_ == "NOUN":
                    context += " " + self._np_text(tok.head)
                iso = self._country_of_text(context)
                if iso:
                    found = found.model_copy(update={"country": iso})
            return [found]
        if tok.pos_ == "PROPN" or tok.pos_ == "NOUN" and tok.text[:1].isupper():
            # names are often tagged NOUN ("les Etats-Unis", "la RPC")
            iso = self.resolver.country_of(self._np_text(tok, names_only=True), self.lang)
            if iso:
                return [self._state(iso)]
            actor = self.resolver.resolve(
                self._np_text(tok, names_only=True), None, date=self.published
            )
            if actor is not None:
                return [
                    EventParticipant(
                        name=self._np_text(tok, names_only=True), country=actor.country
                    )
                ]
        if tok.pos_ in ("NOUN", "PROPN"):
            np = self._np_text(tok)
            for child in tok.children:
                if child.dep_ in ("appos", "nmod") and child.pos_ in ("PROPN", "X"):
                    ent = self.tracker.entity_at(child.idx, child.idx + len(child))
                    if ent is not None and ent.type == "PER":  # "le président chinois Xi …"
                        return self._participant(child, deep)
                if child.dep_ == "appos" and child.pos_ == "PROPN":
                    iso = self.resolver.country_of(
                        self._np_text(child, names_only=True), self.lang
                    ) or self.resolver.country_of(f"{tok.text} {child.text}", self.lang)
                    if iso:  # "les îles Féroé"
                        return [EventParticipant(name=self._bare(np), country=iso)]
            for child in tok.children:
                if child.dep_ == "amod":
                    found = self._adjective_participant(child, noun=tok)
                    if found:
                        return found
            group = self._group(tok)
            if group:
                return group
            actor = self.resolver.resolve(np, None, kind="description", date=self.published)
            if actor is not None:
                return [EventParticipant(name=actor.name, country=actor.country)]
            codes = self._codes(np)
            lemma = fold(tok.lemma_)
            if lemma in self.person_nouns or self.qlex.role(np):
                return [
                    EventParticipant(
                        name=self._bare(np), country=next(iter(codes)) if len(codes) == 1 else None
                    )
                ]
            # "des milliers d'étudiants": a quantity stands for what it counts
            if deep or lemma in self.quantity_nouns:
                # "les liens croissants entre les deux pays": also through a modifier
                modifier_complements = [
                    g
                    for c in tok.children
                    if c.dep_ == "amod"
                    for g in c.children
                    if g.dep_ in ("obl:arg", "obl", "nmod") and g.pos_ in ("NOUN", "PROPN")
                ]
                for child in [*tok.children, *modifier_complements]:
                    if child.dep_ in ("nmod", "nmod:poss") or child in modifier_complements:
                        found = self._participant(child, deep=lemma in self.quantity_nouns)
                        if found:
                            return found
            iso = self._demonym(tok.text) if tok.text[:1].isupper() else None
            if iso:  # "les Turcs de souche", "des Kurdes irakiens"
                return [EventParticipant(name=self._bare(np), country=iso)]
        return []

    def _group(self, tok: Token) -> list[EventParticipant]:
        """ "les deux pays", "les deux ministres": the last countries or people named before."""
        number = next(
            (self.numbers[fold(c.text)] for c in tok.children if fold(c.text) in self.numbers),
            None,
        )
        kind = self.group_nouns.get(fold(tok.lemma_)) or self.group_nouns.get(
            fold(tok.text).removesuffix("s")  # "parties", lemmatised "parti"
        )
        if number is None or kind is None or not self._definite(tok):
            return []
        found: list[EventParticipant] = []
        if kind == "country":
            named = (
                [  # countries, capitals and demonyms before the phrase, latest first
                    (e.start_char, self.resolver.country_of(e.text, self.lang))
                    for e in self.doc.ents
                    if e.end_char <= tok.idx
                ]
                + [(t.idx, self._demonym(t.text)) for t in self.doc[: tok.i] if t.pos_ == "ADJ"]
            )
            for _, iso in sorted(named, key=lambda pair: -pair[0]):
                if iso and all(p.country != iso for p in found):
                    found.append(self._state(iso))
                if len(found) == number:
                    break
        else:
            last = sorted(
                (
                    (max(m[0] for m in e.mentions if m[0] < tok.idx), e)
                    for e in self.tracker.entities
                    if e.type == "PER" and any(m[0] < tok.idx for m in e.mentions)
                ),
                key=lambda pair: -pair[0],
            )
            found = [self._entity_participant(e) for _, e in last[:number]]
        return found if len(found) == number else []

    def _place(self, tok: Token) -> bool:
        """A town, region or capital named as a place (not a country, which can be a party)."""
        if not tok.text[:1].isupper():
            return False
        if self._city(tok):
            return True
        name = self._np_text(tok, names_only=True)
        if self.resolver.country_of(name, self.lang):
            return False
        return self.resolver.place_country(name, self.lang) is not None or any(
            e.label_ == "LOC" and e.start <= tok.i < e.end for e in self.ents
        )

    def _city(self, tok: Token) -> bool:
        """A capital or seat named as a place ("à Dakar"), not a country ("au Sénégal")."""
        name = self._np_text(tok, names_only=True)
        iso = self.resolver.country_of(name, self.lang)
        return iso is not None and fold(name) != fold(country_name(iso, self.lang))

    def _demonym(self, word: str) -> str | None:
        """ISO3 of a demonym, also plural or feminine ("marocaines" → "marocain")."""
        if word in self._demonyms_seen:
            return self._demonyms_seen[word]
        found = self._demonym_of(word)
        if len(self._demonyms_seen) > 50_000:
            self._demonyms_seen.clear()
        self._demonyms_seen[word] = found
        return found

    def _demonym_of(self, word: str) -> str | None:
        word = fold(word)
        for cut in (0, 1, 2, 3):
            stem = word[: len(word) - cut] if cut else word
            if cut and not word.endswith(("s", "e", "es", "ne", "nes")[:4]):
                break
            iso = self.qlex.countries.get(stem)
            if iso:
                return iso
        return None

    def _codes(self, text: str) -> set[str]:
        if text not in self._codes_seen:  # a sentence is looked at once per event in it
            self._codes_seen[text] = self._codes_of(text)
        return set(self._codes_seen[text])

    def _codes_of(self, text: str) -> set[str]:
        codes = set(self.qlex.country_codes(text))
        for word in text.split():
            if word[:1].islower():
                iso = self._demonym(word) or next(
                    (c for part in word.split("-") if (c := self._demonym(part))), None
                )
                if iso:
                    codes.add(iso)
        return codes

    def _adjective_participant(
        self, adj: Token, noun: Token | None = None
    ) -> list[EventParticipant]:
        out = []
        for a in (adj, *[c for c in adj.children if c.dep_ == "conj" and c.pos_ == "ADJ"]):
            word = fold(a.text)
            if word in self.collectives:
                out.append(EventParticipant(name=self.collectives[word], country=None))
                continue
            iso = self._demonym(word)
            if iso:
                name = (
                    f"{noun.lemma_} {a.text}" if noun is not None else country_name(iso, self.lang)
                )
                out.append(EventParticipant(name=name, country=iso))
        return out

    def _pronoun(self, tok: Token) -> list[EventParticipant]:
        form = tok.lower_
        if form in self.relatives and tok.head.dep_ == "acl:relcl":
            return self._participants(tok.head.head)  # "Pékin, qui a offert …"
        quote = self._quote_at(tok.idx)
        if quote is not None and quote.speaker is not None and form in ("nous", "je", "j'", "on"):
            return [self._quote_participant(quote.speaker)]
        if form in self.plural_pronouns:
            return self._plural_antecedent(tok)
        if form not in self.qlex.pronouns:
            return []
        if quote is not None and quote.type == "indirect" and quote.speaker is not None:
            return [self._quote_participant(quote.speaker)]
        ent, name = self.tracker.resolve_pronoun(tok.text, tok.idx, None)
        if ent is not None:
            return [self._entity_participant(ent)]
        if name:
            iso = self.resolver.country_of(name, self.lang) or self._country_of_text(name)
            return [EventParticipant(name=self._bare(name), country=iso)]
        return []

    def _plural_antecedent(self, pronoun: Token) -> list[EventParticipant]:
        """ "Les deux dirigeants se sont appelés amis car ils ont …": the last plural subject
        before the pronoun, in its sentence or the one before."""
        sent = pronoun.sent
        start = sent.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        for tok in reversed(self.doc[start : pronoun.i]):
            if (
                tok.dep_ in _SUBJ
                and tok.pos_ in ("NOUN", "PROPN")
                and (
                    "Plur" in tok.morph.get("Number") or any(c.dep_ == "conj" for c in tok.children)
                )
            ):
                return self._participants(tok)
        return []

    def _addressee(self, tok: Token) -> list[EventParticipant]:
        """The person a statement was made to is the recipient of what it reports or of an act
        coordinated with it: "a déclaré à Xi qu'il souhaitait …", "… à Xi … et a salué …"."""
        cur, hops = tok, 0
        while cur.head is not cur and hops < 4:
            if cur.dep_ not in ("ccomp", "conj", "xcomp", "advcl"):
                return []
            cur, hops = cur.head, hops + 1
            if cur.pos_ == "VERB" and self.qlex.cue_kind(cur.lemma_, cur.text):
                return self._dative(cur)
        return []

    def _in_direct_quote(self, pos: int) -> bool:
        return any(q.type == "direct" and q.start <= pos < q.end for q in self.quotes)

    def _quote_at(self, pos: int) -> Quote | None:
        for q in self.quotes:
            if q.start <= pos < q.end:
                return q
        return None

    def _governors(self, tok: Token) -> list[Token]:
        """The verbs an act is the complement of: "a refusé de s'engager à apporter une aide"
        (apporter ← engager ← refuser), "a mis fin aux efforts de médiation" (médiation ←
        efforts ← mettre fin)."""
        chain, cur = [], tok
        for _ in range(3):
            if cur.head is cur or cur.dep_ not in _GOVERNED_DEPS:
                break
            cur = cur.head
            if cur.pos_ in ("VERB", "ADJ"):
                chain.append(cur)
            elif cur.pos_ != "NOUN" or self._noun_trigger(cur) is not None:
                break
        return chain

    def _governed(self, type_: str, tok: Token) -> tuple[str, str | None, Token] | None:
        """The type an act takes from a verb that governs it: refused → REJECT, threatened →
        THREATEN, prepared (a conflict act) → MOBILIZE, ended → the reverse of the act; with
        that verb, which names the act and so opens its trigger."""
        for verb in self._governors(tok):
            lemma = fold(verb.lemma_)
            if lemma in self.refusal:
                return "REJECT", self.refusal_modes.get(type_), verb
            if lemma in self.threat:
                return "THREATEN", self.threat_modes.get(type_), verb
            if lemma in self.preparation and type_ in self.conflict:
                return "MOBILIZE", "weapons" if type_ == "ASSAULT" else None, verb
            ends = lemma in self.ending or any(
                c.dep_ == "obj" and fold(c.lemma_) == "fin" for c in verb.children
            )
            if ends and type_ in self.ending_types:
                new_type, new_mode = self.ending_types[type_]
                return new_type, new_mode, verb
        return None

    def _planned(self, noun: Token) -> bool:
        """ "la visite prévue", "lors d'une visite au printemps prochain" (not "leurs relations
        futures", which says nothing of when the talks are)."""
        for child in noun.children:
            if fold(child.text) in self.future_marks:
                return True
            if fold(child.lemma_) in self.time_nouns and any(
                fold(g.text) in self.future_marks for g in child.children
            ):
                return True
        return False

    def _protest_target(self, verb: Token) -> list[EventParticipant]:
        """Whom a protest is aimed at, from its purpose: "ont manifesté pour protester contre
        la décision de la Suède", "une grève de la faim pour exiger la démission du président"."""
        for clause in verb.children:
            if clause.dep_ not in ("advcl", "acl") or clause.pos_ != "VERB":
                continue
            for child in clause.children:
                if child.dep_.startswith("obl") and self._case(child) == "contre":
                    return self._participants(child)
                if child.dep_ == "obj":
                    found = self._participants(child)
                    if found:
                        return found
                if child.dep_ == "ccomp":
                    subj = self._subject(child)
                    if subj is not None:
                        return self._participants(subj)
        return []

    def _told(self, tok, actors, recipients, type_):
        """Participants completed from the quotation and the statement the act is reported
        in. The one told is a better recipient than a phrase that names no one ("a déclaré au
        président chinois qu'il voulait renforcer la coopération entre leurs armées")."""
        unplaced = recipients and not any(p.country or p.entity for p in recipients)
        actors, told = self._from_quote(tok, actors, [] if unplaced else recipients, type_)
        if not told:
            told = self._addressee(tok)
        return actors, told or recipients

    def _from_quote(self, tok, actors, recipients, type_):
        """Inside a quotation, a missing actor is its speaker and a missing recipient its
        addressee ("a déclaré à Xi qu'il souhaitait intensifier la coopération")."""
        quote = self._quote_at(tok.idx)
        if quote is None:
            return actors, recipients
        if not actors and quote.speaker is not None and quote.type == "indirect":
            actors = [self._quote_participant(quote.speaker)]
        if not recipients and quote.addressee is not None:
            recipients = [self._quote_participant(quote.addressee)]
        elif not recipients and quote.type == "indirect" and quote.cue is not None:
            cue = next(
                (
                    t
                    for t in self.doc.char_span(
                        quote.cue.start, quote.cue.end, alignment_mode="expand"
                    )
                    or ()
                    if t.pos_ == "VERB"
                ),
                None,
            )
            if cue is not None:  # "a déclaré au président chinois que …": he is told
                recipients = self._dative(cue)
        return actors, recipients

    def _dative(self, verb: Token) -> list[EventParticipant]:
        """The person a statement is made to: "a déclaré à Xi", "a écrit aux dirigeants"."""
        for child in verb.children:
            if (
                child.dep_ in ("iobj", "obl:arg", "obl", "obl:mod")
                and self._case(child) == "a"
                and not (child.text[:1].isupper() and self._city(child))  # "à Dakar": a place
            ):
                found = self._participants(child)
                # a named party, a state, or an office ("au ministre de l'Intérieur")
                if any(p.entity or p.country or self.qlex.role(p.name) for p in found):
                    return found
        return []

    def _quote_participant(self, p) -> EventParticipant:
        ent = self.tracker.entity_at(p.mention.start, p.mention.end) if p.mention else None
        if ent is not None:
            return self._entity_participant(ent)
        actor = self.resolver.resolve(p.name, None, kind="description", date=self.published)
        if actor is not None:
            return EventParticipant(name=actor.name, country=actor.country)
        return EventParticipant(name=self._bare(p.name), country=self._country_of_text(p.name))

    def _entity_participant(self, ent) -> EventParticipant:
        if ent.id not in self.entity_names:
            actor = self.resolver.resolve(
                ent.name, ent.type if ent.type != "DESC" else None, date=self.published
            )
            country = actor.country if actor is not None else None
            if country is None:
                country = self._country_of_text(" ".join(d.text for d in ent.descriptors))
            if country is None and ent.name:
                # a people for its state: "les Palestiniens", "les Serbes de Bosnie"
                country = self.resolver.country_of(ent.name, self.lang) or self._demonym(
                    ent.name.split()[0]
                )
            self.entity_names[ent.id] = EventParticipant(
                name=ent.name, country=country, entity=ent.id
            )
        return self.entity_names[ent.id]

    def _country_of_text(self, text: str) -> str | None:
        codes = self._codes(text) if text else set()
        return next(iter(codes)) if len(codes) == 1 else None

    def _np_text(self, tok: Token, names_only: bool = False) -> str:
        key = (tok.i, names_only)
        if key not in self._np_seen:  # asked again for each event and role of a phrase
            self._np_seen[key] = self._np_text_of(tok, names_only)
        return self._np_seen[key]

    def _np_text_of(self, tok: Token, names_only: bool) -> str:
        keep = [tok]
        stack = list(tok.children)
        while stack:
            c = stack.pop()
            if c.dep_ in _NP_STOP_DEPS or c.dep_ in ("case",) and c.head is tok:
                continue
            if (
                names_only
                and c.pos_ not in ("PROPN", "ADP", "DET")
                and c.dep_ not in ("flat", "flat:name")
            ):
                continue
            keep.append(c)
            stack.extend(c.children)
        keep.sort(key=lambda t: t.i)
        while keep and keep[0].pos_ in ("DET", "ADP") and keep[0] is not tok:
            keep.pop(0)
        return self.doc[keep[0].i : keep[-1].i + 1].text if keep else tok.text

    def _bare(self, text: str) -> str:
        words = text.split()
        articles = {"le", "la", "les", "l'", "l’", "un", "une", "des", "du", "de", "d'"}
        while words and fold(words[0]) in articles:
            words.pop(0)
        if (
            words
            and ("'" in words[0] or "’" in words[0])
            and len(words[0]) > 2
            and words[0][1] in "'’"
        ):
            words[0] = words[0][2:]
        return " ".join(words) or text

    # -- spans ----------------------------------------------------------------------------
    def _span_start(self, tok: Token) -> int:
        first = tok
        for c in tok.children:
            if c.dep_.startswith("aux") and c.i < first.i:
                first = c
        return first.idx

    def _span_end(self, tok: Token, trig: Trigger) -> int:
        last = tok
        if trig.complement:
            for c in tok.children:
                if fold(c.lemma_) == trig.complement and c.i > last.i:
                    last = c
        return last.idx + len(last)

    def _office_holders(self) -> set[str]:
        """Entities a phrase of the article names by an office, once per document ("le
        ministre des Affaires étrangères, …, Youssef Bennani": a role too long to be one of
        the entity's descriptors still names an office)."""
        if self._offices is None:
            self._offices = {
                r.entity.id
                for r in self.tracker.records
                if r.entity is not None and r.text != r.entity.name and self.qlex.role(r.text)
            }
        return self._offices

    def _mentions(self) -> Counter:
        """How often each entity is mentioned, by name, description or pronoun."""
        if self._mention_counts is None:
            self._mention_counts = Counter(
                r.entity.id for r in self.tracker.records if r.entity is not None
            )
        return self._mention_counts

    def _political(self, p: EventParticipant) -> bool:
        """A state, an organisation, an office holder or a political group (§4 of the
        guideline: acts with no political dimension are not events)."""
        if p.country:
            return True
        if p.entity:
            ent = self.tracker.entity(p.entity)
            if ent is not None and (
                ent.type == "ORG"
                or any(d.role_class for d in ent.descriptors)
                or ent.id in self._office_holders()
            ):
                return True
        if fold(p.name) in self.collective_names:
            return True
        return any(
            w in self.person_nouns or w.rstrip("sx") in self.person_nouns
            for w in fold(p.name).split()
        )

    def _localised(self, actors, recipients, sent: Span):
        """A person or group with no country of its own acts in the one country its sentence
        names ("le président Museveni a menacé d'interdire aux candidats de l'opposition
        ougandaise…": the candidates are Ugandan) — but an actor never takes the country of
        its target ("Bush a menacé la Russie" does not make Bush Russian)."""
        codes = self._codes(self.text[sent.start_char : sent.end_char])
        if len(codes) != 1:
            return actors, self._domestic_targets(actors, recipients)
        iso = next(iter(codes))
        # the target of a domestic act shares its actor's country ("le gouvernement soudanais
        # a accusé les rebelles du Darfour"); an actor never takes its target's ("la ministre a
        # écrit au président tunisien": not Tunisian)
        return (
            self._placed_in(actors, iso, recipients),
            self._domestic_targets(actors, self._placed_in(recipients, iso)),
        )

    def _state(self, iso: str) -> EventParticipant:
        """A state as a participant, under its name in the article's language."""
        return EventParticipant(name=country_name(iso, self.lang), country=iso)

    def _placed_in(self, items, iso: str, targets=(), unnamed_only: bool = False):
        """The participants with no country of their own that act inside one (people, bodies,
        groups; not international ones), placed in `iso` — none of them if one of `targets`
        is of `iso` already (an actor never takes its target's country)."""
        if any(p.country == iso for p in targets):
            return items
        return [
            p.model_copy(update={"country": iso})
            if p.country is None
            and not (unnamed_only and p.entity is not None)
            and self._domestic(p)
            and self._international(p.name) is None
            and not (unnamed_only and self._foreign_mark(p.name))
            else p
            for p in items
        ]

    def _at_home(self, actors, recipients):
        """Local people and bodies with no country of their own act in the story's country
        ("la CFDT", "le maire" in a French local story) — an actor not if its target is of
        that country ("Bush a menacé la Russie" in a story about Russia)."""
        if self.home is None:
            return actors, recipients
        return (
            self._placed_in(actors, self.home, recipients),
            self._placed_in(recipients, self.home),
        )

    def _protested_state(self, actors, sent: Span) -> list[EventParticipant]:
        """A protest that names no target is aimed at the authorities of the place it is
        held in ("ont manifesté dimanche à Kirkouk", "une grève générale au Népal"): the state
        its sentence places it in, else the protesters' own."""
        places = {
            iso
            for ent in self.ents
            if ent.label_ in ("LOC", "GPE") and sent.start_char <= ent.start_char < sent.end_char
            for iso in [self.resolver.place_country(ent.text, self.lang)]
            if iso
        }
        if len(places) != 1:
            places = {p.country for p in actors if p.country}
        if len(places) != 1:
            return []
        iso = next(iter(places))
        return [self._state(iso)]

    def _domestic_targets(self, actors, recipients):
        """A person or group targeted by the actors of one state, with no country of its own,
        is taken to be of that state ("la police a interpellé trente manifestants"): home
        affairs are most of what a state does to unplaced people."""
        states = {p.country for p in actors if p.country}
        if len(states) != 1 or any(p.country is None for p in actors):
            return recipients
        # not a named person or body, who may well be foreign, nor a group a nationality
        # marks as foreign
        return self._placed_in(recipients, next(iter(states)), unnamed_only=True)

    def _foreign_mark(self, name: str) -> bool:
        """A nationality word that names no single state ("réfugiés congolais": COD or
        COG): the group is not the actor's."""
        return any(fold(w) in self.ambiguous_demonyms for w in re.findall(r"[\w-]+", name))

    def _voiced(self, pos: int, actors: list[EventParticipant]):
        """An intent to cooperate that one party voices about "us and them" is that party's
        offer to the others: CCTV (China) saying "la Chine et la Russie devraient renforcer leur
        coopération" is China's, aimed at Russia."""
        quote = self._quote_at(pos)
        if quote is None or quote.speaker is None:
            return actors, []
        side = self._quote_participant(quote.speaker).country
        ours = [p for p in actors if side and p.country == side]
        if len(ours) != 1:
            return actors, []
        return ours, [p for p in actors if p is not ours[0]]

    def _domestic(self, p: EventParticipant) -> bool:
        """A person, organisation or group that acts inside a country (not a place, a date
        or a collective such as "l'Occident")."""
        if fold(p.name) in self.collective_names:
            return False
        words = fold(p.name).split()
        if words and (words[0] in self.relational or words[0].rstrip("sx") in self.relational):
            return False  # "ses alliés", "son homologue": others by definition
        if p.entity:
            ent = self.tracker.entity(p.entity)
            return ent is not None and ent.type in ("PER", "ORG")
        return bool(words) and (
            words[0] in self.person_nouns
            or words[0].rstrip("sx") in self.person_nouns
            or bool(self.qlex.role(p.name))
        )

    @staticmethod
    def _sovereign(items: list[EventParticipant]) -> list[EventParticipant]:
        """People of an overseas territory act for its state ("Koné, Nouvelle-Calédonie" →
        FRA): the guideline's country is the state."""
        states = kb.territories()
        return [
            p.model_copy(update={"country": states[p.country]}) if p.country in states else p
            for p in items
        ]

    def _coded(self, items: list[EventParticipant]) -> list[EventParticipant]:
        """Each participant with its actor code: its country, else IGO/NGO for an
        international body or one of its officials ("le secrétaire général de l'ONU")."""
        out = []
        for p in items:
            code = p.country or self._international(p.name)
            if code is None and p.entity:
                ent = self.tracker.entity(p.entity)
                if ent is not None:
                    code = self._international(" ".join(d.text for d in ent.descriptors))
            out.append(p.model_copy(update={"code": code}) if code else p)
        return out

    def _international(self, text: str) -> str | None:
        words = " ".join(re.findall(r"\w+", text)) if text else ""
        if not words:
            return None
        folded = fold(words)
        for name, folded_name, acronym, code in self.international:
            # acronyms match as written ("UE" but not the word "ue"), names in any case
            if _words_in(name, words) if acronym else _words_in(folded_name, folded):
                return code
        return None

    def _make(self, type_, mode, actors, recipients, start, end, sent, flags, confidence):
        if not any(self._political(p) for p in (*actors, *recipients)):
            return None
        text = self.text
        # a sentence never runs over a line break (the parser sometimes joins paragraphs)
        s_start = max(sent.start_char, text.rfind("\n", 0, start) + 1)
        line_end = text.find("\n", end)
        s_end = min(sent.end_char, line_end if line_end >= 0 else len(text))
        while s_end > s_start and text[s_end - 1].isspace():
            s_end -= 1
        actors, recipients = self._localised(actors, recipients, sent)
        actors, recipients = self._at_home(actors, recipients)
        if type_ == "PROTEST" and not recipients:
            recipients = self._protested_state(actors, sent)
        if type_ == "AGREE" and len(actors) > 1 and not recipients:
            actors, recipients = self._voiced(start, actors)
        actors, recipients = self._sovereign(actors), self._sovereign(recipients)
        actors, recipients = self._coded(actors), self._coded(recipients)
        return Event(
            type=type_,
            mode=mode,
            actor=_unique(actors),
            recipient=[p for p in _unique(recipients) if p not in actors] or _unique(recipients),
            trigger=TextSpan(text=text[start:end], start=start, end=end),
            sentence=TextSpan(text=text[s_start:s_end], start=s_start, end=s_end),
            flags=sorted(flags),
            confidence=confidence,
        )


def _words_in(needle: str, text: str) -> bool:
    return f" {needle} " in f" {text} "


def _placed(items: list[EventParticipant]) -> list[EventParticipant]:
    """Participants with a country or an entity, when there are any: "des troupes au Liban"
    is aimed at Lebanon, not at the troops."""
    placed = [p for p in items if p.country or p.entity]
    return placed or items


def _unique(items: list[EventParticipant]) -> list[EventParticipant]:
    out, seen = [], set()
    for p in items:
        key = (p.name, p.country)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
