"""In-article actors: cluster name variants into entities and resolve references to them.

An `ActorTracker` is built from a parsed spaCy `Doc`:
- every PER/ORG/MISC name the NER finds becomes a mention; variants of one name (full name,
  surname, first name, acronym <-> expansion, with or without a title) join one entity whose
  canonical name is the fullest form the article gives;
- role descriptions attached to a name ("le dirigeant russe Vladimir Poutine", "CCTV, le
  radiodiffuseur d'Etat chinois") become descriptors of that entity (role class, countries,
  gender);
- `resolve_*` methods map a pronoun or a description, at a position, to an entity: the most
  recent compatible subject or speaker first, then a descriptor match over the whole article;
  when nothing fits, the description stands for itself and a pronoun stays unresolved.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from wirelens.quotes.lexicon import Lexicon, fold
from wirelens.spacy_cache import doc_ents, doc_text, in_spans, sentence_bounds, token_attrs

_NAME_LABELS = {"PER", "ORG", "MISC", "PERSON", "GPE", "NORP"}
_NP_TOKENS = {"NOUN", "PROPN", "ADJ", "DET", "NUM", "ADP", "X"}


@dataclass
class Descriptor:
    text: str
    role: str | None
    role_class: str | None
    kind: str | None  # PER or ORG
    countries: set[str]
    gender: str  # m, f or x


@dataclass
class ActorEntity:
    id: str
    name: str
    type: str
    tokens: set[str] = field(default_factory=set)
    words: list[str] = field(default_factory=list)  # folded words of the canonical name, in order
    descriptors: list[Descriptor] = field(default_factory=list)
    gender: str = "x"
    # (start, end, text, kind) of every name mention
    mentions: list[tuple[int, int, str, str]] = field(default_factory=list)

    @property
    def initials(self) -> str:
        return "".join(w[0] for w in self.words)


@dataclass
class MentionRecord:
    start: int
    end: int
    entity: ActorEntity | None
    subject: bool
    text: str
    plural: bool = False
    speaker: bool = False


def _compatible_gender(a: str, b: str) -> bool:
    return a == "x" or b == "x" or a == b


class ActorTracker:
    def __init__(
        self,
        doc: Doc,
        lex: Lexicon,
        quoted: list[tuple[int, int]] | None = None,
        body_start: int = 0,
    ) -> None:
        self.doc = doc
        self.body_start = body_start
        self.g = lex.grammar  # closed word classes of the language (grammar.json)
        self.lex = lex
        self.entities: list[ActorEntity] = []
        self.records: list[MentionRecord] = []
        self._quoted = sorted(quoted or [])
        self._in_quoted = in_spans(self._quoted)  # bisection, not a scan of every quotation
        self._build()

    def _gender_of(self, words: list[str]) -> str:
        """Gender told by the first word of a phrase: a determiner or a title."""
        first = words[0] if words else ""
        if first in self.g.feminine_determiners:
            return "f"
        if first in self.g.masculine_determiners:
            return "m"
        return "x"

    # ---- building ---------------------------------------------------------------------
    def in_quote(self, pos: int) -> bool:
        return self._in_quoted(pos)

    def _name_tokens(self, text: str) -> list[str]:
        words = [w for w in text.replace("’", "'").split() if w not in self.lex.titles]
        out = []
        for w in words:
            f = fold(w).strip(".,;:()")
            if f in self.g.name_stopwords or not f:
                continue
            if f.startswith(tuple(self.g.elided_articles)):
                f = f[2:]
            out.append(f)
        return out

    def _strip_title(self, span: Span) -> Span:
        start = span.start
        while start < span.end - 1 and (
            span.doc[start].text in self.lex.titles
            or span.doc[start].lower_ in self.g.definite_articles
        ):
            start += 1
        return span.doc[start : span.end]

    def _find_entity(self, toks: list[str], label: str, text: str) -> ActorEntity | None:
        if not toks:
            return None
        tset = set(toks)
        best = None
        for ent in reversed(self.entities):
            if ent.type in ("PER",) and label == "ORG" or ent.type == "ORG" and label == "PER":
                continue
            if tset <= ent.tokens or ent.tokens <= tset:
                return ent
            if len(toks) == 1 and len(toks[0]) >= 2 and text.isupper() and ent.initials == toks[0]:
                best = best or ent
        return best

    def lookup(self, text: str) -> ActorEntity | None:
        """The entity a shorter name variant refers to ("la CFL" after "Compagnie fruitière du
        Levant (CFL)") when the recogniser did not tag it; None when nothing matches."""
        if not any(w[:1].isupper() for w in text.split()[1:] or text.split()):
            return None
        toks = set(self._name_tokens(text))  # articles and titles are dropped here
        if not toks:
            return None
        for ent in reversed(self.entities):
            if toks <= ent.tokens:
                return ent
        return None

    def add_name(self, span: Span, label: str, subject: bool) -> ActorEntity | None:
        span = self._strip_title(span)
        text = span.text.strip(" ,.;:")
        toks = self._name_tokens(text)
        if not toks:
            return None
        label = (
            "PER" if label in ("PER", "PERSON") else ("ORG" if label in ("ORG", "MISC") else label)
        )
        ent = self._find_entity(toks, label, text)
        if ent is None:
            ent = ActorEntity(
                id=f"e{len(self.entities) + 1}", name=text, type=label, tokens=set(toks), words=toks
            )
            self.entities.append(ent)
        elif len(toks) > len(ent.tokens) or (set(toks) > ent.tokens):
            ent.name, ent.tokens, ent.words = text, ent.tokens | set(toks), toks
        kind = "name" if len(toks) >= len(ent.tokens) else "partial_name"
        ent.mentions.append((span.start_char, span.end_char, span.text, kind))
        prev = span.doc[span.start - 1] if span.start > 0 else None
        if prev is not None and prev.text in self.lex.titles:
            ent.gender = "f" if prev.text in self.g.feminine_titles else "m"
        self.records.append(MentionRecord(span.start_char, span.end_char, ent, subject, span.text))
        return ent

    def _descriptor(self, text: str) -> Descriptor | None:
        role = self.lex.role(text)
        words = fold(text).split()
        gender = self._gender_of(words)
        if role and gender == "x":
            gender = self.lex.role_genders.get(role[0], "x")
        return Descriptor(
            text=text,
            role=role[0] if role else None,
            role_class=role[1] if role else None,
            kind=role[2] if role else None,
            countries=self.lex.country_codes(text),
            gender=gender,
        )

    def _np_left(self, i: int) -> Span | None:
        """The noun phrase that ends just before token i (skipping one comma)."""
        doc = self.doc
        j = i - 1
        if j >= 0 and doc[j].text == ",":
            j -= 1
        end = j + 1
        while j >= 0 and doc[j].pos_ in _NP_TOKENS and doc[j].text not in {",", "(", ")"}:
            if doc[j].pos_ == "ADP" and doc[j].lower_ not in self.g.de_forms_and_articles:
                break
            j -= 1
        start = j + 1
        while start < end and doc[start].pos_ == "ADP":
            start += 1
        if end > start and doc[end - 1].pos_ == "ADP":
            return None  # "le président du Cadre …": the name is a complement, not apposed
        return doc[start:end] if end > start else None

    def _np_right(self, i: int) -> Span | None:
        """An apposition after a name: ", le radiodiffuseur d'Etat chinois," (token i = the comma)."""
        doc = self.doc
        if i >= len(doc) or doc[i].text != ",":
            return None
        j = i + 1
        start = j
        while (
            j < len(doc) and doc[j].pos_ in _NP_TOKENS and doc[j].text not in {",", ".", "(", ")"}
        ):
            if (
                doc[j].pos_ == "ADP"
                and doc[j].lower_ not in self.g.de_forms_and_articles
                and j > start
            ):
                break
            j += 1
        if j < len(doc) and doc[j].text not in {",", "."}:
            return None
        return doc[start:j] if j > start else None

    def _attach_descriptors(self, span: Span, ent: ActorEntity) -> None:
        for np in (self._np_left(span.start), self._np_right(span.end)):
            if np is None or len(np) > 14:
                continue
            desc = self._descriptor(np.text)
            # a nationality counts without a role noun only in "DET NOUN ADJ" ("son homologue
            # portugais"), not in a neighbouring place name ("l'Ukraine, Poutine …")
            described = len(np) >= 2 and np[0].pos_ == "DET" and np[1].pos_ == "NOUN"
            if desc and (desc.role or desc.countries and described):
                ent.descriptors.append(desc)
                if ent.gender == "x" and desc.gender != "x" and ent.type == "PER":
                    ent.gender = desc.gender
                self.records.append(MentionRecord(np.start_char, np.end_char, ent, False, np.text))

    def _attach_acronym(self, span: Span, ent: ActorEntity) -> None:
        """ "Société cotonnière du Faso (SOCOFA)": the acronym becomes a variant of the name."""
        doc, end = self.doc, span.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            acronym = doc[end + 1].text
            if len(acronym) >= 2 and acronym.isupper() and acronym.isalpha():
                ent.tokens.add(fold(acronym))

    def _named_inside(self, np: Span) -> ActorEntity | None:
        """ "l'entraîneur Patrice Perrin": the name the description phrase contains."""
        for rec in self.records:
            if rec.entity is not None and np.start_char <= rec.start and rec.end <= np.end_char:
                return rec.entity
        return None

    def _described_entity(self, np: Span, end: int) -> ActorEntity | None:
        """Whom a subject description names: a person set off after it ("le président du
        Cadre …, Ibrahima Diouf,"), else the name it contains ("l'entraîneur Patrice Perrin"),
        else an organisation set off after it."""
        inside, apposed = self._named_inside(np), self._apposed_entity(end)
        if (
            apposed is not None
            and apposed.type == "PER"
            and (inside is None or inside.type != "PER")
        ):
            return apposed
        return inside or apposed

    def _apposed_entity(self, i: int) -> ActorEntity | None:
        """The named entity set off by a comma at token i: "La ministre …, Sigrún H., …"."""
        doc = self.doc
        if i >= len(doc) or doc[i].text != ",":
            return None
        j = i + 1
        # "…, le général Moussa Konaté,": articles, titles and a rank or role before the name
        while (
            j < len(doc)
            and j <= i + 4
            and (
                doc[j].pos_ == "DET"
                or doc[j].text in self.lex.titles
                or doc[j].pos_ in ("NOUN", "ADJ")
                and doc[j].text.islower()
            )
        ):
            j += 1
        if j >= len(doc):
            return None
        for rec in self.records:
            if rec.start == doc[j].idx and rec.entity is not None:
                return rec.entity
        return None

    def _apposed_to_person_role(self, span: Span) -> bool:
        """A name set off by commas after a description of a person."""
        doc = self.doc
        if span.start == 0 or doc[span.start - 1].text != ",":
            return False
        if span.end < len(doc) and doc[span.end].text not in {",", "."}:
            return False
        np = self._np_left(span.start)
        role = self.lex.role(np.text) if np is not None else None
        return role is not None and role[2] == "PER"

    def _followed_by_person_apposition(self, i: int) -> bool:
        doc = self.doc
        if i + 2 >= len(doc) or doc[i + 1].text != ",":
            return False
        nxt = doc[i + 2]
        if nxt.like_num:
            return i + 3 < len(doc) and doc[i + 3].lower_ in self.g.age_words
        role = self.lex.role(nxt.text)
        return nxt.pos_ in ("NOUN", "ADJ") and role is not None and role[2] == "PER"

    def _build(self) -> None:
        for ent_span in doc_ents(self.doc):
            label = ent_span.label_
            if label not in _NAME_LABELS and self._apposed_to_person_role(ent_span):
                label = "PER"  # "La ministre …, Sigrún Halldórsdóttir," tagged LOC
            if label not in _NAME_LABELS or self.in_quote(ent_span.start_char):
                continue
            if "\n" in ent_span.text:
                continue  # the recogniser ran across a paragraph break: not a name
            if ent_span.start_char < self.body_start:
                continue  # the dateline's place and agency are not actors of the story
            if (
                ent_span.start > 0
                and self.doc[ent_span.start - 1].text == "("
                and ent_span.end < len(self.doc)
                and self.doc[ent_span.end].text == ")"
            ):
                continue  # "(AFP)", "(OMS)" credits and acronyms are not subjects

            if not any(t.is_alpha and t.text[0].isupper() for t in ent_span):
                continue
            first = self._strip_title(ent_span)[0]
            role = self.lex.role(first.text) if first.pos_ == "NOUN" else None
            if role is not None and role[2] == "PER":
                continue  # "ministre islandaise de la Pêche" tagged ORG is a description
            subject = (
                any(
                    t.dep_.startswith("nsubj")
                    or (
                        t.dep_ in ("appos", "flat:name", "nmod") and t.head.dep_.startswith("nsubj")
                    )
                    for t in ent_span
                )
                or ent_span.start == sentence_bounds(self.doc, ent_span.start)[0]
            )
            ent = self.add_name(ent_span, label, subject)
            if ent is not None:
                self._attach_descriptors(ent_span, ent)
                self._attach_acronym(ent_span, ent)
        # "Martine, 68 ans, …", "Nadia, étudiante, …": a name followed by an age or a role
        # noun is a person, whatever the tagger said
        # the tests that need no `Token` first (`token_attrs`): few tokens pass them
        attrs = token_attrs(self.doc)
        for i, pos in enumerate(attrs.pos):
            if pos != "PROPN":
                continue
            tok = self.doc[i]
            if (
                tok.ent_type_ not in ("PER", "ORG")
                and tok.idx >= self.body_start
                and not self.in_quote(tok.idx)
                and self._followed_by_person_apposition(tok.i)
            ):
                self.add_name(self.doc[tok.i : tok.i + 1], "PER", True)
        # subjects that are descriptions ("le ministre a indiqué") take part in recency
        for i, (dep, pos) in enumerate(zip(attrs.dep, attrs.pos, strict=True)):
            if dep.startswith("nsubj") and pos == "NOUN" and not self.in_quote(attrs.idx[i]):
                tok = self.doc[i]
                # the phrase with its complements ("le chef du Kremlin"), up to a comma or verb
                end = tok.i + 1
                for t in tok.subtree:
                    if t.i < end:
                        continue
                    if (
                        t.i != end
                        or t.pos_ in ("VERB", "AUX", "PUNCT", "PRON")
                        or t.lower_ in self.g.relatives
                    ):
                        break
                    end += 1
                start = tok.left_edge.i
                while start < tok.i and (
                    self.doc[start].pos_ in ("PUNCT", "SPACE") or self.doc[start].is_space
                ):
                    start += 1
                after_comma = start > 0 and self.doc[start - 1].text == ","
                if after_comma and self.doc[start].pos_ != "DET":
                    continue  # "Son voisin, retraité de l'arsenal, …": an apposition
                np = self.doc[start:end]
                if self.lex.role(np.text):
                    self.records.append(
                        MentionRecord(
                            np.start_char,
                            np.end_char,
                            self._described_entity(np, end),
                            True,
                            np.text,
                            plural="Number=Plur" in str(tok.morph),
                        )
                    )
        self.records.sort(key=lambda r: r.start)
        # "la romancière valaisanne" after "Marianne Oberson": the description is her
        for rec in self.records:
            if rec.entity is None and not rec.plural:
                rec.entity = self.resolve_description(rec.text, rec.start)
                desc = self._descriptor(rec.text)
                if rec.entity is not None and rec.entity.gender == "x" and desc is not None:
                    # keep the gender only: a role guessed by recency ("Le héros du jour")
                    # must not become a fact about the person
                    rec.entity.gender = desc.gender

    # ---- resolving --------------------------------------------------------------------
    def entity(self, entity_id: str) -> ActorEntity | None:
        """The entity with this id ("e3")."""
        return next((e for e in self.entities if e.id == entity_id), None)

    def entity_at(self, start: int, end: int) -> ActorEntity | None:
        """The entity a span names: a name record that starts the span or contains it
        ("l'échevin des Finances" does not name "Finances")."""
        text = doc_text(self.doc)
        for rec in self.records:
            if rec.entity is None or not (rec.start < end and start < rec.end):
                continue
            if rec.start <= start or self._only_article_or_title(text[start : rec.start]):
                return rec.entity
        return None

    def _only_article_or_title(self, lead: str) -> bool:
        """Nothing but an article, a title or punctuation before a name: "la CFL", "M. X"."""
        lead = lead.strip()
        if not lead or lead in self.lex.titles:
            return True
        if len(lead.split()) > 1:
            return False
        return not lead.strip("'’").isalpha() or lead.rstrip("'’").lower() in self.g.articles

    def note_speaker(self, start: int, end: int, text: str, entity: ActorEntity | None) -> None:
        """A speaker mention counts as a subject for later pronouns."""
        words = fold(text).split()
        plural = bool(words) and words[0] in self.g.plural_determiners
        self.records.append(
            MentionRecord(start, end, entity, True, text, plural=plural, speaker=True)
        )
        self.records.sort(key=lambda r: r.start)

    def _conflicts(self, ent: ActorEntity, desc: Descriptor) -> bool:
        if not _compatible_gender(ent.gender, desc.gender):
            return True
        if desc.kind and ent.type in ("PER", "ORG") and desc.kind != ent.type:
            return True
        for d in ent.descriptors:
            if desc.countries and d.countries and not (desc.countries & d.countries):
                return True
        classes = {d.role_class for d in ent.descriptors if d.role_class} - {"generic"}
        # "chef"/"président"/"dirigeant" share a class; other classes exclude each other
        return bool(
            desc.role_class
            and desc.role_class != "generic"
            and classes
            and desc.role_class not in classes
        )

    def _matches(self, ent: ActorEntity, desc: Descriptor) -> bool:
        if self._conflicts(ent, desc):
            return False
        for d in ent.descriptors:
            if desc.role_class and d.role_class == desc.role_class:
                if desc.countries and not d.countries:
                    continue
                return True
        return False

    def _sentence_window(self, pos: int, n: int) -> int:
        """Start of the window searched for an antecedent: the paragraph before `pos`'s own
        (sentences inside quotations would make a sentence count meaningless)."""
        text = doc_text(self.doc)
        para = text.rfind("\n", 0, pos)
        if para <= 0:
            return 0
        while para > 0 and text[para - 1] == "\n":
            para -= 1
        prev = text.rfind("\n", 0, para)
        return prev + 1 if n > 0 else para + 1

    def resolve_description(self, text: str, pos: int) -> ActorEntity | None:
        words = fold(text).split()
        if not words or words[0] in self.g.indefinites:
            return None  # an indefinite description introduces a new, unnamed source
        desc = self._descriptor(text)
        if desc is None or not desc.role:
            return None
        if desc.kind != "PER" and any(
            w[:1].isupper() and fold(w) not in self.lex.countries for w in text.split()[1:]
        ):
            return None  # "l'Office national de …", "le ministère de la Santé": a name
        floor = self._sentence_window(pos, 2)
        for rec in reversed(self.records):
            if rec.start >= pos or rec.start < floor:
                continue
            ent = rec.entity
            if ent is None or self.in_quote(rec.start):
                continue
            if desc.kind and ent.type != desc.kind:
                continue
            if ent.type != "PER" and (len(words) > 3 or not rec.subject):
                continue  # an organisation is taken up by a short description of a subject
            if not self._conflicts(ent, desc):
                return ent
        for ent in reversed(self.entities):
            if self._matches(ent, desc):
                return ent
        return None

    def remember_descriptor(self, ent: ActorEntity, text: str) -> None:
        desc = self._descriptor(text)
        if desc and desc.role:
            ent.descriptors.append(desc)
            if ent.gender == "x" and ent.type == "PER":
                ent.gender = desc.gender

    def resolve_pronoun(
        self, form: str, pos: int, last_speaker: tuple[int, ActorEntity | None, str] | None
    ) -> tuple[ActorEntity | None, str | None]:
        """The antecedent of a subject pronoun at `pos`: (entity, None) or (None, description).

        In order: the last person (or speaker) subject since the previous paragraph; the last
        speaker; the last person or speaker further back; the last organisation subject since
        the previous paragraph. Unnamed sources count only nearby, and an indefinite one
        ("une source diplomatique") only in its own paragraph.
        """
        gender, number = self.lex.pronouns.get(form.lower().lstrip("-"), ("x", "s"))
        floor = self._sentence_window(pos, 1)
        paragraph = self._sentence_window(pos, 0)
        organisation = farther = None
        for rec in reversed(self.records):
            if rec.start >= pos or not rec.subject or self.in_quote(rec.start):
                continue
            if (number == "p") != rec.plural:
                continue
            near = rec.start >= floor
            ent = rec.entity
            if ent is None:
                words = fold(rec.text).split()
                if words and words[0] in self.lex.pronouns:
                    continue  # an unresolved pronoun is no antecedent
                if not near or (words and words[0] in self.g.indefinites and rec.start < paragraph):
                    continue
                desc = self._descriptor(rec.text)
                if number == "p" or desc is not None and _compatible_gender(desc.gender, gender):
                    return None, rec.text
                continue
            if not _compatible_gender(ent.gender, gender):
                continue
            if ent.type == "PER" or rec.speaker:
                if near:
                    return ent, None
                if ent.type == "PER":
                    farther = farther or ent
            elif near:
                organisation = organisation or ent
        if last_speaker is not None and self._agrees(last_speaker, gender, number):
            return last_speaker[1], last_speaker[2]
        # a pronoun that cues a quotation names a speaker: a person further back before an
        # organisation merely mentioned nearby
        if farther is not None:
            return farther, None
        if organisation is not None:
            return organisation, None
        return None, None

    def _agrees(
        self, speaker: tuple[int, ActorEntity | None, str], gender: str, number: str
    ) -> bool:
        _, ent, text = speaker
        if ent is not None:
            return number == "s" and _compatible_gender(ent.gender, gender)
        words = fold(text).split()
        plural = bool(words) and words[0] in self.g.plural_determiners
        return plural == (number == "p") and _compatible_gender(self._gender_of(words), gender)
