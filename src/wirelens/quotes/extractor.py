"""Who said what: quotations (direct, indirect, mixed), their cues, speakers and addressees.

Runs on a parsed spaCy `Doc`. The steps, in order:
1. quoted segments from the marks (`marks.find_marked`), split where an attribution interrupts
   them (« A, a-t-il dit. B »);
2. each segment attributed by an incise after it (« … », a déclaré X), by what introduces it
   (X a déclaré : « … », X : « … », a réclamé « … »), by the sentence before or after it, or
   as the continuation of the previous quotation;
3. reported speech without marks: a cue verb with a que-clause, an infinitive or "se dire" +
   adjective, "selon/d'après X", sentence-initial "pour X,", and an inverted cue closing a
   sentence ("…, a précisé le parquet"); a quoted fragment inside makes it `mixed`;
4. speakers resolved to the article's entities (`ActorTracker`), in text order.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import takewhile

from spacy.tokens import Doc, Token

from wirelens.actors.tracker import ActorTracker
from wirelens.quotes.lexicon import Lexicon, fold, load_lexicon
from wirelens.quotes.marks import Marked, find_marked
from wirelens.spacy_cache import doc_ents, doc_text, in_spans, sentence_bounds, token_attrs

_NP_END = {",", ".", ";", ":", "!", "?", "»", "«", "“", "”", '"', "(", ")", "–", "—", "\n"}
# ", présidente de l'association des parents, ": an apposition between an incise and the next
# part of the quotation
_APPOSITION_GAP = re.compile(r"\s*,[^.;:!?«»“”\"\n]{1,120},\s*$")
_SENT_END = re.compile(r"(?<=[.!?…])[\s\u00a0]+(?=[«“\"A-ZÀ-ÖØ-Ý])|\n+")


@dataclass
class Attribution:
    cue_start: int
    cue_end: int
    cue_lemma: str | None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_kind: str = "none"  # name, partial_name, pronoun, description, implicit, none
    addressee_start: int | None = None
    addressee_end: int | None = None
    end: int = 0  # character where the incise ends
    confidence: float = 0.9


@dataclass
class Found:
    start: int
    end: int
    type: str
    attribution: Attribution | None
    confidence: float
    follow_on: bool = False


class QuoteExtractor:
    def __init__(self, lang: str = "fr") -> None:
        self.lex: Lexicon = load_lexicon(lang)
        self.g = self.lex.grammar  # closed word classes of the language (grammar.json)
        self._multiword_last_words = {
            rest[-1] for entries in self.lex.multiword.values() for rest, _ in entries
        }
        # "… » C'est par ces mots que X a …": a sentence attributing the quote before it
        self._attribution_after = re.compile(r"[\s»”\"’.]*" + self.g.attribution_after)

    # ------------------------------------------------------------------ helpers
    def _tok_at(self, doc: Doc, char: int) -> int | None:
        """Index of the first token starting at or after `char`."""
        i = bisect_left(token_attrs(doc).idx, char)
        return i if i < len(doc) else None

    @staticmethod
    def _tok_index_near(doc: Doc, char: int) -> int:
        """Index of the last token starting before `char` (0 if none)."""
        return max(0, bisect_left(token_attrs(doc).idx, char) - 1)

    def _cue_kind(self, tok: Token) -> str | None:
        return self._cue_kind_of(tok.pos_, tok.lemma_, tok.text)

    def _cue_kind_of(self, pos: str, lemma: str, text: str) -> str | None:
        if pos not in ("VERB", "AUX", "NOUN", "ADJ", "PROPN", "X"):
            return None
        kind = self.lex.cue_kind(lemma, text)
        if kind is None:
            return None
        if fold(lemma) in self.lex.thought:
            return None
        return kind

    def _skip_clitics(self, doc: Doc, j: int, clitic: int | None) -> tuple[int, int | None]:
        """Skip "-t" and subject clitics ("-il", "-t-elle"); remember the last clitic."""
        while j < len(doc) and (
            doc[j].lower_ in self.g.subject_clitics or doc[j].lower_ in self.g.euphonic_t
        ):
            if doc[j].lower_ not in self.g.euphonic_t:
                clitic = j
            j += 1
        return j, clitic

    def _multiword_cue(self, doc: Doc, j: int) -> tuple[str, str, int] | None:
        """(kind, lemma, end token) of a multiword cue starting at token j ("fait savoir")."""
        head = self.lex.cue_forms.get(fold(doc[j].text), fold(doc[j].lemma_))
        for rest, lemma in self.lex.multiword.get(head, ()):
            words = [t.lower_ for t in doc[j + 1 : j + 1 + len(rest)]]
            if tuple(words) == rest:
                return self.lex.cues[lemma], lemma, j + 1 + len(rest)
        return None

    def _multiword_cue_ending_at(self, doc: Doc, i: int) -> tuple[str, str, Token] | None:
        """(kind, lemma, head token) of a multiword cue whose last word is token i."""
        if token_attrs(doc).lower[i] not in self._multiword_last_words:
            return None
        for entries in self.lex.multiword.values():
            for rest, _ in entries:
                j = i - len(rest)
                if j >= 0:
                    multi = self._multiword_cue(doc, j)
                    if multi is not None and multi[2] == i + 1:
                        return multi[0], multi[1], doc[j]
        return None

    def _np_after(self, doc: Doc, i: int, limit: int) -> tuple[int, int] | None:
        """Token range of the noun phrase that starts at token i (an inverted subject)."""
        j = i
        while j < limit and (
            doc[j].pos_ == "ADV"
            and doc[j].lower_ not in self.g.not_adverbs
            or fold(doc[j].text) in self.lex.time_words
        ):
            j += 1
        start = j
        while j < limit:
            t = doc[j]
            if t.text in _NP_END or "\n" in t.text:
                break
            if t.lower_ in self.g.phrase_breaking_prepositions and j > start:
                break
            if t.lower_ in self.g.relatives and j > start:
                break
            if t.pos_ in ("VERB", "AUX") and j > start:
                break
            if t.pos_ == "DET" and j > start and doc[j - 1].pos_ in ("NOUN", "PROPN", "X"):
                break  # "à Reuters le géologue …": a determiner after a noun opens a new phrase
            j += 1
        if j == start:
            return None
        # trailing prepositions or determiners are not part of the phrase
        while j > start and doc[j - 1].pos_ in ("ADP", "DET", "CCONJ"):
            j -= 1
        return (start, j) if j > start else None

    def _after_comma(self, doc: Doc, i: int) -> bool:
        """Token i follows a comma, with at most determiners and titles between."""
        j = i - 1
        while j > 0 and (doc[j].pos_ == "DET" or doc[j].text in self.lex.titles):
            j -= 1
        return j >= 0 and doc[j].text == ","

    def _apposition_name(self, doc: Doc, j: int, tracker: ActorTracker) -> tuple[int, int] | None:
        """', Stéphane Le Goff,' right after a description: the name behind it."""
        if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")":
            j += 3  # "la directrice de l'Agence régionale de santé (ARS), Hélène Marchal"
        if j >= len(doc) or doc[j].text != ",":
            return None
        k = j + 1
        while k < len(doc) and (doc[k].pos_ == "DET" or doc[k].text in self.lex.titles):
            k += 1  # ", le Dr Alain Perrot,"
        start = k
        while (
            k < len(doc)
            and doc[k].pos_ in ("PROPN", "X")
            or (k < len(doc) and doc[k].text in self.lex.titles)
        ):
            k += 1
        if k > start and (
            k >= len(doc)
            or doc[k].text in {",", ".", "\n"}
            or doc[k].lower_ in self.g.phrase_breaking_prepositions
        ):
            span = doc[start:k]
            ent = tracker.entity_at(span.start_char, span.end_char)
            if ent is not None and ent.type == "PER":
                return start, k
        return None

    @staticmethod
    def _trailing_name(doc: Doc, s: int, e: int, tracker: ActorTracker) -> tuple[int, int] | None:
        """A person's name closing a description phrase: "le géologue Paul Martin"."""
        for ent in doc_ents(doc):
            if s < ent.start and ent.end == e and ent.label_ == "PER":
                found = tracker.entity_at(ent.start_char, ent.end_char)
                # no entity when the incise sits inside a quotation: the name still holds
                if found is None or found.type == "PER":
                    return ent.start, ent.end
        return None

    def _speaker_kind(self, doc: Doc, start: int, end: int, tracker: ActorTracker) -> str:
        span = doc[start:end]
        if len(span) == 1 and span[0].lower_ in self.lex.pronouns:
            return "pronoun"
        ent = tracker.entity_at(span.start_char, span.end_char)
        if ent is not None and any(t.pos_ == "PROPN" for t in span):
            return "name"
        if span[0].pos_ in ("DET",) or span[0].lower_ in ("l'", "l’"):
            return "description"
        if any(t.pos_ == "PROPN" for t in span):
            return "name"
        return "description"

    # ------------------------------------------------------------------ incises
    def parse_incise(
        self,
        doc: Doc,
        i: int,
        tracker: ActorTracker,
        kinds=("speech", "stance", "manner", "object", "se_dire"),
    ) -> Attribution | None:
        """An inverted attribution starting at token i: ', a déclaré X', ', a-t-il ajouté',
        ', ironise le technicien', ', a-t-on appris auprès du parquet'."""
        n = len(doc)
        while i < n and doc[i].text in {",", "–", "—", "-"}:
            i += 1
        if i >= n:
            return None
        start = i
        j = i
        clitic = None
        if doc[j].lower_ in self.g.reflexives:
            j += 1
        # auxiliary (+ clitic): "a", "a-t-il", "avait-elle", "pouvait-on"
        if j < n and doc[j].lower_ in self.g.auxiliaries:
            j += 1
        j, clitic = self._skip_clitics(doc, j, clitic)
        while j < n and doc[j].pos_ == "ADV" and doc[j].lower_ not in self.g.not_adverbs:
            j += 1
        if j < n and doc[j].lower_ in self.g.reflexives:
            j += 1
        if j >= n:
            return None
        verb = doc[j]
        kind = self._cue_kind(verb)
        lemma = self.lex.cue_lemma(verb.lemma_, verb.text)
        extra_end = j + 1
        if kind is None:
            multi = self._multiword_cue(doc, j)
            if multi is not None:
                kind, lemma, extra_end = multi
            elif fold(verb.text) in self.g.perception_cues and clitic is not None:
                kind, lemma = "speech", fold(verb.text)  # "pouvait-on entendre"
            else:
                return None
        if kind == "learn" and "learn" not in kinds and clitic is None:
            return None
        if kind not in kinds and not (kind == "learn" and "speech" in kinds):
            return None
        k, clitic = self._skip_clitics(doc, extra_end, clitic)
        reflexive_say = doc[start].lower_ in self.g.reflexives or (
            j > 0 and doc[j - 1].lower_ in self.g.reflexives
        )
        if reflexive_say and clitic is None and fold(verb.lemma_) in self.g.se_dire_lemmas:
            return None  # ", s'est dite satisfaite …" has a predicate, not an inverted subject
        att = Attribution(
            cue_start=doc[start].idx, cue_end=doc[k - 1].idx + len(doc[k - 1]), cue_lemma=lemma
        )
        if clitic is not None:
            pron = doc[clitic].lower_.replace("-t-", "").lstrip("-")
            if pron in self.g.impersonal_pronoun:
                # "a-t-on appris auprès de X", "a-t-on appris de source policière"
                m = k
                while m < n and doc[m].pos_ == "ADV":
                    m += 1
                if m < n and doc[m].lower_ in self.g.source_after:
                    if doc[m].lower_ in self.g.source_after_head:  # "auprès de"
                        m += 1
                    cue_end_tok = m
                    if m < n and doc[m].lower_ in self.g.de_forms:
                        cue_end_tok = m + 1
                        m += 1
                    np = self._np_after(doc, m, n)
                    if np:
                        att.cue_end = doc[cue_end_tok - 1].idx + len(doc[cue_end_tok - 1])
                        att.speaker_start, att.speaker_end = (
                            doc[np[0]].idx,
                            doc[np[1] - 1].idx + len(doc[np[1] - 1]),
                        )
                        att.speaker_kind = "description"
                        att.end = att.speaker_end
                        return att
                att.end = att.cue_end
                att.speaker_kind = "none"
                return att
            att.speaker_start = doc[clitic].idx + doc[clitic].text.rfind(pron)
            att.speaker_end = att.speaker_start + len(pron)
            att.speaker_kind = "pronoun"
            att.end = att.cue_end
            self._addressee(doc, k, att, tracker)
            return att
        addressee = None
        if k < n and doc[k].lower_ in self.g.dative:
            # "a expliqué à Keystone-ATS le prévisionniste Marco Albertini"
            addressee = self._np_after(doc, k + 1, n)
            if addressee is not None:
                k = addressee[1]
        np = self._np_after(doc, k, n)
        if np is None:
            return None
        s, e = np
        if (
            doc[s].pos_ not in ("DET", "PROPN", "NOUN", "X", "PRON")
            and doc[s].text not in self.lex.titles
        ):
            return None
        if doc[s].pos_ == "PRON" and doc[s].lower_ not in self.lex.pronouns:
            return None
        # "le procureur …, Stéphane Le Goff," or "le géologue Paul Martin": the name is the
        # speaker and the description becomes one of its descriptors
        named = self._apposition_name(doc, e, tracker) or self._trailing_name(doc, s, e, tracker)
        if named is not None:
            desc_text = doc[s : named[0]].text.rstrip(" ,") if named[0] > s else doc[s:e].text
            ent = tracker.entity_at(doc[named[0]].idx, doc[named[1] - 1].idx + 1)
            if ent is not None:
                tracker.remember_descriptor(ent, desc_text)
            s, e = named
        att.speaker_start, att.speaker_end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        att.speaker_kind = self._speaker_kind(doc, s, e, tracker)
        att.end = att.speaker_end
        if addressee is not None:
            a, b = addressee
            att.addressee_start, att.addressee_end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
        else:
            self._addressee(doc, e, att, tracker)
        return att

    def _addressee(self, doc: Doc, k: int, att: Attribution, tracker: ActorTracker) -> None:
        """'à Xi', 'à l'AFP', 'au micro de Canal Sport', 'aux journalistes' right after the cue."""
        n = len(doc)
        j = k
        while j < n and doc[j].pos_ == "ADV":
            j += 1
        if j >= n:
            return
        w = doc[j].lower_
        if w in self.g.dative:
            m = j + 1
            if (
                w in self.g.dative_contracted
                and m + 1 < n
                and doc[m].lower_ in self.g.broadcast_nouns
                and doc[m + 1].lower_ in self.g.de_forms
            ):
                m += 2
            np = self._np_after(doc, m, n)
            if np is None:
                return
            span = doc[np[0] : np[1]]
            if any(t.ent_type_ == "LOC" for t in span) and not any(
                t.ent_type_ in ("PER", "ORG") for t in span
            ):
                return
            if (
                span[0].pos_ not in ("PROPN", "DET", "NOUN", "X")
                and span[0].text not in self.lex.titles
            ):
                return
            att.addressee_start, att.addressee_end = span.start_char, span.end_char

    # ------------------------------------------------------------------ subjects
    def subject_span(
        self, doc: Doc, verb: Token, tracker: ActorTracker
    ) -> tuple[int, int, str] | None:
        """Character span and kind of the subject of a cue verb (climbing through participles)."""
        v = verb
        for _ in range(4):
            subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
            if subj is None:
                subj = next(
                    (
                        c
                        for c in v.children
                        if c.dep_ == "expl:subj"
                        and c.lower_.lstrip("-") in self.lex.pronouns
                        and c.lower_ != "-t"
                    ),
                    None,
                )
            if subj is None and v.dep_.startswith("aux"):
                subj = next((c for c in v.head.children if c.dep_.startswith("nsubj")), None)
            if subj is not None:
                return self._np_of(doc, subj, tracker)
            if (
                v.dep_ in ("advcl", "conj", "xcomp", "acl")
                and v.head.i != v.i
                and not self._sentence_break_between(doc, v.head.i, v.i)
            ):
                v = v.head
                continue
            break
        # the parse missed it: the noun phrase right before the verb (and its auxiliaries)
        i = verb.i - 1
        while i >= 0 and (
            doc[i].pos_ in ("AUX", "ADV") or doc[i].lower_ in self.g.negation_and_reflexives
        ):
            i -= 1
        if i > 0 and doc[i].text == ",":
            # "Xi, qui a appelé Poutine « mon ami », s'est dit …", "La Commission, de son
            # côté, a rappelé …": skip a relative clause or a short incidental phrase
            j = i - 1
            while j > 0 and doc[j].text != "," and doc[j].text not in {".", "!", "?"}:
                j -= 1
            inserted = doc[j + 1 : i]
            incidental = len(inserted) <= 5 and not any(t.pos_ in ("VERB", "AUX") for t in inserted)
            if (
                j > 0
                and doc[j].text == ","
                and (doc[j + 1].lower_ in self.g.relatives or incidental)
            ):
                i = j - 1
        while i > 0 and doc[i].pos_ == "ADJ":
            i -= 1  # "La Commission européenne": back to the noun
        if (
            i >= 0
            and doc[i].pos_ in ("PROPN", "NOUN", "PRON")
            and doc[i].lower_ not in self.g.complementizers
        ):
            return self._np_of(doc, doc[i], tracker)
        return None

    @staticmethod
    def _sentence_break_between(doc: Doc, a: int, b: int) -> bool:
        """A sentence-final mark between tokens a and b: a parse that ran over a sentence end."""
        lo, hi = min(a, b), max(a, b)
        return any(doc[k].text in {".", "!", "?"} for k in range(lo + 1, hi))

    def _np_of(self, doc: Doc, head: Token, tracker: ActorTracker) -> tuple[int, int, str] | None:
        if head.lower_ in self.g.relative_subject:
            # relative clause: the antecedent is the noun the clause hangs on
            rel_verb = head.head
            ante = rel_verb.head if rel_verb.dep_.startswith("acl") else None
            if ante is None:
                prev = [
                    t
                    for t in doc[sentence_bounds(doc, head.i)[0] : head.i]
                    if t.pos_ in ("PROPN", "NOUN")
                ]
                ante = prev[-1] if prev else None
            if ante is None:
                return None
            head = ante
        if head.pos_ == "PRON" or head.lower_.startswith("-"):
            form = head.lower_.replace("-t-", "").lstrip("-")
            if form in self.lex.pronouns:
                start = head.idx + head.lower_.rfind(form)
                return start, start + len(form), "pronoun"
            return None
        ent = tracker.entity_at(head.idx, head.idx + len(head))
        if ent is not None:
            # a name, or a description whose apposition is a name
            for t in head.subtree:
                if t.ent_type_ in ("PER",) and tracker.entity_at(t.idx, t.idx + len(t)) is not None:
                    ent_span = next((e for e in doc_ents(doc) if e.start <= t.i < e.end), None)
                    if ent_span is not None:
                        return ent_span.start_char, ent_span.end_char, "name"
        toks = [t for t in head.subtree]
        # cut the phrase at the first comma or relative pronoun after the head
        out = []
        for t in toks:
            if t.i > head.i and (
                t.text in _NP_END or t.lower_ in self.g.relatives or t.pos_ in ("AUX", "VERB")
            ):
                break
            if t.i < head.i and t.text in {",", "(", ")"}:
                out = []
                continue
            out.append(t)
        if not out:
            return None
        # a PER name inside the phrase ("le ministre ..., Hugues Marchetti") is the speaker
        for e in doc_ents(doc):
            if e.label_ == "PER" and out[0].i <= e.start and e.end <= out[-1].i + 1:
                return e.start_char, e.end_char, "name"
        # "La commissaire aux Affaires politiques, à la Paix …, Fatoumata Sidibé-Touré, a …":
        # a name set off by commas later in the subject phrase is the person described
        for e in doc_ents(doc):
            if (
                e.label_ == "PER"
                and out[-1].i < e.start
                and e.end <= toks[-1].i + 1
                and self._after_comma(doc, e.start)
                and (e.end >= len(doc) or doc[e.end].text in {",", "."})
                and tracker.entity_at(e.start_char, e.end_char) is not None
            ):
                return e.start_char, e.end_char, "name"
        start, end = out[0].idx, out[-1].idx + len(out[-1])
        kind = self._speaker_kind(doc, out[0].i, out[-1].i + 1, tracker)
        return start, end, kind

    # ------------------------------------------------------------------ main
    def extract(self, doc: Doc, body_start: int = 0) -> tuple[list[Found], ActorTracker]:
        text = doc_text(doc)
        self._body_start = body_start
        marked = self._without_headline_copies(
            text, [m for m in find_marked(text) if m.end > body_start]
        )
        quoted = [(m.outer_start, m.outer_end) for m in marked]
        tracker = ActorTracker(doc, self.lex, quoted, body_start)
        found: list[Found] = []
        used_cues: set[int] = set()

        # 1-2: marked segments
        segments: list[tuple[int, int, Attribution | None, Marked]] = []
        for m in marked:
            for s, e, att in self._split_interrupted(doc, m, tracker):
                segments.append((s, e, att, m))
        carried: Attribution | None = None  # « A », a-t-elle dit, « B »: B shares A's incise
        for idx, (s, e, att, m) in enumerate(segments):
            if att is None and carried is not None:
                gap = text[carried.end : m.outer_start]
                if (
                    len(gap) <= 4
                    and all(c in " ,\u00a0\u202f" for c in gap)
                    or _APPOSITION_GAP.match(gap)
                ):
                    att = carried
            carried = None
            if att is None:
                # attribution after the closing mark
                ti = self._tok_at(doc, m.outer_end)
                last_part = idx + 1 >= len(segments) or segments[idx + 1][3] is not m
                if (
                    ti is not None
                    and last_part
                    and self._same_paragraph(text, m.outer_end, doc[ti].idx)
                ):
                    att = self.parse_incise(doc, ti, tracker)
                    if att is not None and not self._incise_is_close(
                        text, m.outer_end, att.cue_start
                    ):
                        att = None
            if att is None:
                att, mixed_start = self._introduced(doc, m, tracker)
                if mixed_start is not None:
                    continue  # handled as part of a mixed quotation below
            if att is not None:
                used_cues.add(att.cue_start)
                if att.end > m.outer_end:
                    carried = att
            found.append(Found(s, e, "direct", att, 0.9 if att else 0.5))

        # 3: reported speech
        found.extend(self._indirect(doc, tracker, marked, used_cues, body_start))
        found.sort(key=lambda f: f.start)
        found = self._absorb(found)
        found = self._attach_unattributed(doc, found, tracker)
        return found, tracker

    @staticmethod
    def _without_headline_copies(text: str, marked: list[Marked]) -> list[Marked]:
        """A headline that repeats a quotation of the body is not a quotation of its own."""
        first_end = text.find("\n")
        if first_end < 0 or first_end > 200:
            return marked
        body = fold(text[first_end:])
        return [
            m
            for m in marked
            if not (m.outer_end <= first_end and fold(text[m.start : m.end]).strip(" .!?") in body)
        ]

    def _same_paragraph(self, text: str, a: int, b: int) -> bool:
        return "\n" not in text[a:b]

    def _incise_is_close(self, text: str, after_mark: int, cue_start: int) -> bool:
        gap = text[after_mark:cue_start]
        return len(gap) <= 3 and all(c in " ,\u00a0\u202f–—-" for c in gap)

    def _split_interrupted(self, doc: Doc, m: Marked, tracker: ActorTracker):
        """« A, a-t-il dit. B » -> (A, att), (B, att)."""
        text = doc_text(doc)
        inner = text[m.start : m.end]
        for cm in re.finditer(r",\s", inner):
            comma = m.start + cm.start()
            ti = self._tok_at(doc, comma)
            if ti is None or doc[ti].idx >= m.end:
                continue
            att = self.parse_incise(doc, ti, tracker, kinds=("speech", "manner", "stance"))
            if att is None or att.speaker_kind == "none":
                continue
            rest = text[att.end : m.end]
            stop = re.match(r"\s*[.,;!?]\s+", rest)
            if not stop or not rest[stop.end() :].strip():
                continue
            b_start = att.end + stop.end()
            return [(m.start, comma, att), (b_start, m.end, att)]
        return [(m.start, m.end, None)]

    def _clause_start(self, text: str, pos: int, floor: int = 0) -> int:
        """Start of the sentence containing pos."""
        best = floor
        for mt in _SENT_END.finditer(text, floor, min(len(text), pos + 1)):
            if mt.end() <= pos:
                best = mt.end()
        return best

    def _introduced(
        self, doc: Doc, m: Marked, tracker: ActorTracker
    ) -> tuple[Attribution | None, int | None]:
        """X a déclaré : « … » / M. Diouf : « … » / a réclamé « … ». Returns (attribution,
        mixed_start) where mixed_start is set when the quote is a fragment of reported speech."""
        text = doc_text(doc)
        sent_start = self._clause_start(text, m.outer_start)
        before = text[sent_start : m.outer_start]
        if not before.strip():
            return None, None
        ti_end = self._tok_at(doc, m.outer_start)
        if ti_end is None:
            return None, None
        toks = [
            t for t in doc[self._tok_index_near(doc, sent_start) : ti_end] if t.idx >= sent_start
        ]
        if not toks:
            return None, None
        stripped = before.rstrip()
        if stripped.endswith(":"):
            # colon introduction: a cue verb before the colon, or a bare name
            body = [t for t in toks if t.text != ":"]
            verbs = [t for t in body if self._cue_kind(t)]
            if verbs:
                v = verbs[-1]
                subj = self.subject_span(doc, v, tracker)
                att = Attribution(v.idx, v.idx + len(v), self.lex.cue_lemma(v.lemma_, v.text))
                if subj:
                    att.speaker_start, att.speaker_end, att.speaker_kind = subj
                return att, None
            if body and len(body) <= 6 and any(t.pos_ in ("PROPN", "NOUN") for t in body):
                colon = next(t for t in reversed(toks) if t.text == ":")
                att = Attribution(colon.idx, colon.idx + 1, None)
                s, e = body[0].idx, body[-1].idx + len(body[-1])
                att.speaker_start, att.speaker_end = s, e
                att.speaker_kind = self._speaker_kind(doc, body[0].i, body[-1].i + 1, tracker)
                return att, None
            return None, None
        # a cue verb right before the mark ("a réclamé « … »", "a dénoncé « … »")
        last = [t for t in toks if t.pos_ != "ADV" and t.lower_ not in self.g.complementizers]
        if last and self._cue_kind(last[-1]) in ("speech", "object", "stance"):
            v = last[-1]
            rest = text[m.outer_end :]
            next_word = rest.split(maxsplit=1)[0].lower() if rest.strip() else ""
            if re.match(r"\s*[.;!?]|\s*$|\s*,\s", rest) or (
                rest[:1].isspace() and next_word in self.g.additive_coordinators
            ):
                subj = self.subject_span(doc, v, tracker)
                if subj is None:
                    return None, None
                att = Attribution(v.idx, v.idx + len(v), self.lex.cue_lemma(v.lemma_, v.text))
                aux = [t for t in v.children if t.dep_.startswith("aux")]
                if aux:
                    att.cue_start = min(att.cue_start, aux[0].idx)
                att.speaker_start, att.speaker_end, att.speaker_kind = subj
                return att, None
        return None, None

    # ------------------------------------------------------------------ indirect
    def _clause_end(self, doc: Doc, start_tok: int, limit_char: int, tracker: ActorTracker) -> int:
        """End (char) of the reported clause starting at token start_tok."""
        text = doc_text(doc)
        n = len(doc)
        depth = 0
        # token attributes from `token_attrs` (plain lists): `doc[j]` only where more is needed
        idx, texts, lower = token_attrs(doc)[:3]
        for j in range(start_tok, n):
            t_text = texts[j]
            if idx[j] >= limit_char:
                return idx[j - 1] + len(texts[j - 1]) if j > start_tok else idx[j]
            if "\n" in t_text:
                return idx[j - 1] + len(texts[j - 1])
            # a token may carry a mark and punctuation at once ("».")
            depth += sum(t_text.count(c) for c in "«“")
            depth = max(0, depth - sum(t_text.count(c) for c in "»”"))
            if depth:
                continue
            if t_text.lstrip("»”") in {".", ";", "!", "?"} and (
                j + 1 >= n
                or texts[j + 1][:1].isupper()
                or "\n" in texts[j + 1]
                or texts[j + 1][:1] in {"«", "“", '"', "‘", "'"}
            ):
                return idx[j]
            if lower[j] in self.g.coordinators and j + 1 < n and j > start_tok + 2:
                nxt = doc[j + 1]
                morph = str(nxt.morph)
                # a finite verb, or a past participle sharing the auxiliary ("a dénoncé … et
                # appelé à …"), starts a new act
                new_verb = (
                    "VerbForm=Fin" in morph or "VerbForm=Part" in morph and "Tense=Past" in morph
                )
                if (
                    nxt.pos_ == "AUX"
                    and nxt.lower_ in self.g.auxiliaries
                    or new_verb
                    and nxt.pos_ == "VERB"
                ):
                    return idx[j - 1] + len(texts[j - 1])  # "… et a salué …": a new act
            if t_text == ",":
                nxt = doc[j + 1] if j + 1 < n else None
                # ", avant de quitter …": a preposition with an infinitive is narration
                if (
                    nxt is not None
                    and nxt.pos_ == "ADP"
                    and j + 2 < n
                    and (
                        "VerbForm=Inf" in str(doc[j + 2].morph)
                        or doc[j + 2].pos_ == "ADP"
                        and j + 3 < n
                        and "VerbForm=Inf" in str(doc[j + 3].morph)
                    )
                ):
                    return idx[j]
                if nxt is not None and self.lex.sources.get(fold(nxt.text)) == "any":
                    return idx[j]
                if nxt is not None and (
                    "VerbForm=Part" in str(nxt.morph)
                    and "Tense=Pres" in str(nxt.morph)
                    or nxt.lower_ in self.g.participle_lead
                    and j + 2 < n
                    and doc[j + 2].lower_ in self.g.gerund_marker
                ):
                    return idx[j]
                if (
                    nxt is not None
                    and self.parse_incise(doc, j + 1, tracker, kinds=("speech", "stance", "manner"))
                    is not None
                ):
                    return idx[j]
        return len(text.rstrip())

    def _indirect(
        self, doc: Doc, tracker: ActorTracker, marked: list[Marked], used: set[int], body_start: int
    ) -> list[Found]:
        text = doc_text(doc)
        out: list[Found] = []
        in_marks = in_spans((m.outer_start, m.outer_end) for m in marked)

        taken: list[tuple[int, int]] = []

        def add(start: int, end: int, att: Attribution, conf: float) -> None:
            while end > start and text[end - 1] in " ,;:.\u00a0":
                end -= 1
            while start < end and text[start].isspace():
                start += 1
            if end - start < 8 or any(s < end and start < e for s, e in taken):
                return
            taken.append((start, end))
            kind = (
                "mixed"
                if any(start <= m.outer_start and m.outer_end <= end + 1 for m in marked)
                else "indirect"
            )
            out.append(Found(start, end, kind, att, conf))

        # most tokens are none of these: they are looked at through `token_attrs`, and only
        # the others become `Token` objects
        attrs = token_attrs(doc)
        for i, (idx, tok_text, pos, lemma) in enumerate(
            zip(attrs.idx, attrs.text, attrs.pos, attrs.lemma, strict=True)
        ):
            if idx < body_start or in_marks(idx) or idx in used:
                continue
            kind = self._cue_kind_of(pos, lemma, tok_text)
            multi = self._multiword_cue_ending_at(doc, i)
            if multi is not None:
                kind = multi[0]
            # selon X / d'après X (the tokeniser may split "d'" from "après") / pour X,
            position = self.lex.sources.get(fold(tok_text))
            if i > 0 and position is None:
                position = self.lex.sources.get(fold(attrs.text[i - 1] + tok_text))
            if position == "any":
                self._selon(doc, doc[i], tracker, add)
                continue
            if position == "initial" and (
                i == sentence_bounds(doc, i)[0] or i > 0 and "\n" in attrs.text[i - 1]
            ):
                self._pour(doc, doc[i], tracker, add)
                continue
            if kind is None or pos not in ("VERB", "ADJ", "NOUN"):
                continue
            tok = doc[i]
            if self._adjectival_participle(tok):
                continue  # "une infrastructure jugée « critique »" describes, nobody speaks
            cue_start = tok.idx
            aux = [c for c in tok.children if c.dep_.startswith("aux") and c.i < tok.i]
            if aux:
                cue_start = aux[0].idx
            refl = tok.i > 0 and doc[tok.i - 1].lower_ in self.g.reflexives
            if refl:
                cue_start = min(cue_start, doc[tok.i - 1].idx)
            if (
                tok.i > 1
                and doc[tok.i - 2].lower_ in self.g.reflexives
                and doc[tok.i - 1].pos_ == "AUX"
            ):
                refl = True
                cue_start = min(cue_start, doc[tok.i - 2].idx)
            lemma = self.lex.cue_lemma(tok.lemma_, tok.text)
            if multi is not None:
                _, lemma, head = multi
                aux = [c for c in head.children if c.dep_.startswith("aux") and c.i < head.i]
                cue_start = aux[0].idx if aux else head.idx
            # inverted cue closing a sentence: "…, a précisé le parquet."
            if tok.i > 0 and kind in ("speech", "stance", "learn"):
                j = tok.i - 1
                while j > 0 and (
                    doc[j].pos_ in ("AUX", "ADV")
                    or doc[j].lower_ in self.g.reflexives
                    or doc[j].lower_ in self.g.euphonic_t
                    or doc[j].lower_ in self.g.subject_clitics
                ):
                    j -= 1
                if doc[j].text == "," and not in_marks(doc[j].idx - 1):
                    att = self.parse_incise(
                        doc, j + 1, tracker, kinds=("speech", "stance", "learn")
                    )
                    if (
                        att is not None
                        and att.speaker_kind != "none"
                        or (att is not None and att.speaker_start is not None)
                    ):
                        after = text[att.end : att.end + 400]
                        if re.match(r"[^.;!?\n«»]*[.!?](\s|$)|\s*$", after):
                            s0 = self._clause_start(text, doc[j].idx, body_start)
                            prev_close = max(
                                [
                                    m.outer_end
                                    for m in marked
                                    if m.outer_end <= doc[j].idx and m.outer_end > s0
                                ]
                                or [s0]
                            )
                            if prev_close == s0:
                                add(s0, doc[j].idx, att, 0.8)
                                continue
            if kind in ("speech", "stance", "se_dire") or (kind == "object"):
                self._verb_complement(doc, tok, kind, refl, lemma, cue_start, tracker, add, marked)
        return out

    def _adjectival_participle(self, tok: Token) -> bool:
        """A past participle with no auxiliary ("jugée", "Interrogé sur …", "dit" = so-called)."""
        morph = str(tok.morph)
        # "a démenti … et assuré …": a conjunct shares its head's auxiliary
        governors = [tok, tok.head] if tok.dep_ == "conj" else [tok]
        deps = [c.dep_ for g in governors for c in g.children]
        if "VerbForm=Part" not in morph or "Tense=Past" not in morph:
            return False
        # "est jugée « prioritaire » par …": a passive evaluates, nobody is reported
        if any(c.dep_ == "aux:pass" for c in tok.children):
            return True
        # a past participle is a finite act only with an auxiliary ("Le projet de loi dit
        # « sécurité »" has none, whatever subject the parser gives it); the parser may miss
        # it across an incidental phrase ("a de son côté indiqué"), so look just before too
        doc = tok.doc
        before = doc[max(0, tok.i - 5) : tok.i]
        aux_before = any(t.lower_ in self.g.auxiliaries for t in before) and not any(
            t.text in {".", ";", "!", "?", ","} for t in before[-2:]
        )
        return not any(d.startswith("aux") for d in deps) and not aux_before

    def _verb_complement(
        self, doc, tok, kind, refl, lemma, cue_start, tracker, add, marked
    ) -> None:
        n = len(doc)
        j = tok.i + 1
        # a que-clause within a few tokens: "a déclaré vendredi au président chinois qu'il …"
        if kind in ("speech", "stance"):
            k = j
            while k < n and k - j <= 12:
                t = doc[k]
                relative = (
                    doc[k - 1].pos_ == "NOUN"
                    and fold(doc[k - 1].text) not in self.lex.time_words
                    and self._in_object_of(doc[k - 1], tok)
                )
                if t.lower_ in self.g.complementizers and not relative:
                    start_tok = k + 1
                    if start_tok >= n:
                        return
                    end = self._clause_end(doc, start_tok, len(doc_text(doc)), tracker)
                    att = self._verb_attribution(doc, tok, lemma, cue_start, tracker)
                    if att is not None:
                        self._addressee(doc, tok.i + 1, att, tracker)
                        add(doc[start_tok].idx, end, att, 0.85)
                    return
                if (
                    t.text in {".", ";", "!", "?", "«", "»", ":"}
                    or "\n" in t.text
                    or (t.pos_ == "VERB" and k > j)
                ):
                    break
                k += 1
        # infinitive: "a assuré ne pas vouloir …", "raconte avoir passé …"
        k = j
        de = k < n and doc[k].lower_ in self.g.de
        if de:
            k += 1
        while k < n and (doc[k].pos_ == "ADV" or doc[k].lower_ in self.g.infinitive_lead):
            k += 1
        if (
            kind in ("speech",)
            and k < n
            and "VerbForm=Inf" in str(doc[k].morph)
            and (not de or lemma in self.g.de_infinitive_cues)
        ):
            first = j + 1 if de else j
            start_tok = first if doc[first].lower_ in self.g.infinitive_start else k
            end = self._clause_end(doc, start_tok, len(doc_text(doc)), tracker)
            att = self._verb_attribution(doc, tok, lemma, cue_start, tracker)
            if att is not None:
                add(doc[start_tok].idx, end, att, 0.75)
            return
        # "s'est dit satisfait de …"
        if kind == "se_dire" or (refl and fold(tok.lemma_) in self.g.se_dire_lemmas):
            # the predicate may be tagged as a bare noun ("s'est dite satisfaite")
            if (
                k < n
                and doc[k].pos_ in ("ADJ", "VERB", "NOUN")
                and "VerbForm=Inf" not in str(doc[k].morph)
            ):
                end = self._clause_end(doc, k, len(doc_text(doc)), tracker)
                att = self._verb_attribution(
                    doc, tok, lemma or fold(tok.lemma_), cue_start, tracker
                )
                if att is not None:
                    add(doc[k].idx, end, att, 0.7)
            return
        # object verbs: a quotation only when a quoted fragment is inside ("mixed")
        if kind in ("object", "speech", "stance") and k < n:
            end = self._clause_end(doc, k, len(doc_text(doc)), tracker)
            start = doc[k].idx
            inside = [
                m
                for m in marked
                if start <= m.outer_start
                and m.outer_end <= end + 1
                and not self._names_a_title(doc, m)
            ]
            if not inside:
                return
            if inside[0].outer_start == start and inside[-1].outer_end >= end:
                return  # the quote is the whole complement: a direct quote, handled above
            before_mark = takewhile(lambda t: t.idx < inside[0].outer_start, doc[k:])
            if fold(tok.lemma_) in self.lex.naming and not any(
                t.lower_ in self.g.dative for t in before_mark
            ):
                return  # "appeler X « mon ami »" names someone; "appeler X à …" is a call
            att = self._verb_attribution(doc, tok, lemma, cue_start, tracker)
            if att is not None:
                add(start, end, att, 0.7)

    @staticmethod
    def _in_object_of(noun: Token, verb: Token) -> bool:
        """The noun belongs to the verb's direct object ("a annoncé le nombre de joueurs qu'…"),
        not to a dative ("a dit aux journalistes qu'…")."""
        t = noun
        for _ in range(6):
            if t.head.i == verb.i:
                return t.dep_ == "obj"
            if t.head.i == t.i:
                return False
            t = t.head
        return False

    def _names_a_title(self, doc: Doc, m: Marked) -> bool:
        """« … » right after "baptisée", "intitulé": the name of a work or an operation."""
        ti = self._tok_at(doc, m.outer_start)
        return ti is not None and ti > 0 and fold(doc[ti - 1].lemma_) in self.lex.naming

    def _verb_attribution(self, doc, verb: Token, lemma, cue_start, tracker) -> Attribution | None:
        subj = self.subject_span(doc, verb, tracker)
        if subj is None:
            return None
        att = Attribution(cue_start, verb.idx + len(verb), lemma)
        multi = self._multiword_cue(doc, verb.i)
        if multi is not None:
            att.cue_end = doc[multi[2] - 1].idx + len(doc[multi[2] - 1])
        att.speaker_start, att.speaker_end, att.speaker_kind = subj
        return att

    def _source_np(self, doc: Doc, i: int, tracker: ActorTracker) -> tuple[int, int, str] | None:
        np = self._np_after(doc, i, len(doc))
        if np is None:
            return None
        s, e = np
        span = doc[s:e]
        words = [fold(t.text) for t in span]
        # "selon un communiqué du ministère": the source is the complement of the document noun
        if len(span) == 1 and span[0].lower_ in self.g.selon_pronouns:
            return span.start_char, span.end_char, "pronoun"
        for k, w in enumerate(words):
            if w in self.lex.documents and w not in self.g.source_nouns:
                # "selon un communiqué du ministère", "un bilan communiqué par le ministère"
                j = s + k + 1
                while (
                    j < len(doc)
                    and j < s + k + 4
                    and doc[j].lower_ not in self.g.de_or_agent
                    and doc[j].text not in _NP_END
                ):
                    j += 1
                if j < len(doc) and doc[j].lower_ in self.g.de_or_agent:
                    sub_np = self._np_after(doc, j + 1, len(doc))
                    if sub_np:
                        a, b = sub_np
                        return (
                            doc[a].idx,
                            doc[b - 1].idx + len(doc[b - 1]),
                            self._speaker_kind(doc, a, b, tracker),
                        )
                return span.start_char, span.end_char, "description"
        appos = self._apposition_name(doc, e, tracker)
        if appos is not None:  # "selon l'échevin des Finances, Karim Bouazza, …"
            a, b = appos
            return doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), "name"
        has_person = (
            any(t.ent_type_ in ("PER", "ORG", "MISC") for t in span)
            or tracker.lookup(span.text) is not None
            or self.lex.role(span.text) is not None
            or any(w in self.g.collective_source_nouns for w in words)
        )
        if not has_person:
            return None
        return span.start_char, span.end_char, self._speaker_kind(doc, s, e, tracker)

    def _selon(self, doc: Doc, tok: Token, tracker: ActorTracker, add) -> None:
        text = doc_text(doc)
        src = self._source_np(doc, tok.i + 1, tracker)
        if src is None:
            return
        # "d'après" may come as two tokens: the cue then starts at "d'"
        whole = fold(tok.text) in self.lex.sources
        cue_start = tok.idx if whole else doc[tok.i - 1].idx
        form = tok.lower_ if whole else doc[tok.i - 1].lower_ + tok.lower_
        att = Attribution(cue_start, tok.idx + len(tok), form.replace("’", "'"))
        att.speaker_start, att.speaker_end, att.speaker_kind = src
        s0 = self._clause_start(text, tok.idx)
        if not text[s0:cue_start].strip():
            # "Selon X, …": the rest of the sentence
            after = text[src[1] :]
            mt = re.match(r"\s*,\s*", after)
            if not mt:
                return
            start_char = src[1] + mt.end()
            ti = self._tok_at(doc, start_char)
            if ti is None:
                return
            end = self._clause_end(doc, ti, len(text), tracker)
            add(start_char, end, att, 0.85)
        else:
            # "…, selon X": the sentence before
            before_end = cue_start
            while before_end > s0 and text[before_end - 1] in " ,":
                before_end -= 1
            add(s0, before_end, att, 0.8)

    def _pour(self, doc: Doc, tok: Token, tracker: ActorTracker, add) -> None:
        text = doc_text(doc)
        np = self._np_after(doc, tok.i + 1, len(doc))
        if np is None:
            return
        s, e = np
        if e >= len(doc) or doc[e].text != ",":
            return
        span = doc[s:e]
        if not (
            any(t.ent_type_ in ("PER", "ORG") for t in span)
            or (self.lex.role(span.text) and span[0].pos_ == "DET")
        ):
            return
        att = Attribution(tok.idx, tok.idx + len(tok), tok.lower_)
        att.speaker_start, att.speaker_end = span.start_char, span.end_char
        att.speaker_kind = self._speaker_kind(doc, s, e, tracker)
        start_char = doc[e + 1].idx if e + 1 < len(doc) else None
        if start_char is None:
            return
        end = self._clause_end(doc, e + 1, len(text), tracker)
        add(start_char, end, att, 0.7)

    # ------------------------------------------------------------------ merging
    def _absorb(self, found: list[Found]) -> list[Found]:
        """Direct segments inside an indirect/mixed content belong to it."""
        out: list[Found] = []
        for f in found:
            if f.type == "direct" and any(
                g.type in ("mixed", "indirect") and g.start <= f.start and f.end <= g.end + 1
                for g in found
            ):
                continue
            out.append(f)
        return out

    def _is_person_phrase(self, phrase: str, kind: str, tracker: ActorTracker, span) -> bool:
        """A named person or a description of one ("le Dr Perrot", "un producteur")."""
        if kind in ("name", "partial_name"):
            ent = tracker.entity_at(span[0], span[1])
            return ent is None or ent.type == "PER"
        role = self.lex.role(phrase) if kind == "description" else None
        return role is not None and role[2] == "PER"

    def _sentence_subject(
        self, doc: Doc, sent_start: int, tracker: ActorTracker
    ) -> tuple[int, int, str] | None:
        """The last person subject of the sentence starting at `sent_start` ("Même si le
        vote est acquis, le maire promet …" gives "le maire")."""
        ti = self._tok_at(doc, sent_start)
        if ti is None:
            return None
        for tok in reversed(doc[slice(*sentence_bounds(doc, ti))]):
            if not tok.dep_.startswith("nsubj") or tracker.in_quote(tok.idx):
                continue
            found = self._np_of(doc, tok, tracker)
            if found is not None and self._is_person_phrase(
                doc_text(doc)[found[0] : found[1]], found[2], tracker, found
            ):
                return found
        return None

    def _attach_unattributed(
        self, doc: Doc, found: list[Found], tracker: ActorTracker
    ) -> list[Found]:
        """Marked segments with no cue: continuation of the previous speaker, the subject of the
        sentence before, the speaker named in the sentence after; else not a quotation."""
        text = doc_text(doc)
        out: list[Found] = []
        for _i, f in enumerate(found):
            if f.attribution is not None:
                out.append(f)
                continue
            words = len(text[f.start : f.end].split())
            sentence_like = words >= 4 and text[f.start : f.start + 1].isupper()
            if not sentence_like:
                continue  # a title, a slogan, a scare-quoted term
            # is it a whole sentence (not embedded in narration)?
            before = text[max(self._body_start, self._clause_start(text, f.start)) : f.start]
            before = "".join(c for c in before if c not in "«“\"‘'").strip()  # any space kind
            prev = out[-1] if out else None
            para_start = text.rfind("\n", 0, f.start) + 1
            prev_para_start = text.rfind("\n", 0, max(0, para_start - 2)) + 1
            if before and not before.endswith(":"):
                continue
            # speaker named in the next sentence: "… » C'est par ces mots que X a …"
            nxt_start = f.end + 1
            nxt = text[nxt_start : nxt_start + 200]
            mt = self._attribution_after.match(nxt)
            if mt:
                ti = self._tok_at(doc, nxt_start + mt.end())
                if ti is not None:
                    np = self._np_after(doc, ti, len(doc))
                    if np:
                        # "… que le président de la Commission, Alassane Diabaté, a …"
                        np = self._apposition_name(doc, np[1], tracker) or np
                        att = Attribution(nxt_start + mt.start(1), nxt_start + mt.end() - 1, None)
                        att.speaker_start, att.speaker_end = (
                            doc[np[0]].idx,
                            doc[np[1] - 1].idx + len(doc[np[1] - 1]),
                        )
                        att.speaker_kind = self._speaker_kind(doc, np[0], np[1], tracker)
                        out.append(Found(f.start, f.end, "direct", att, 0.7))
                        continue
            # the sentence before the quote's own (across a paragraph break when the quote
            # opens its paragraph)
            own_start = self._clause_start(text, f.start)
            prev_sent_start = self._clause_start(text, max(0, own_start - 1))
            # a continuation of the previous quotation, when that one ends in that sentence
            if (
                prev is not None
                and prev.attribution is not None
                and prev.attribution.speaker_start is not None
                and prev.end >= prev_sent_start
            ):
                out.append(Found(f.start, f.end, "direct", prev.attribution, 0.6, follow_on=True))
                continue
            # the subject of the sentence before: "Alioune Ba … se montrait sceptique. « … »"
            subj = self._sentence_subject(doc, prev_sent_start, tracker) if own_start > 0 else None
            if subj is not None:
                att = Attribution(f.start, f.start, None)
                att.speaker_start, att.speaker_end, _ = subj
                att.speaker_kind = "implicit"
                out.append(Found(f.start, f.end, "direct", att, 0.5, follow_on=True))
                continue
            if prev is not None and prev.end >= prev_para_start and prev.attribution is not None:
                out.append(Found(f.start, f.end, "direct", prev.attribution, 0.5, follow_on=True))
        return out
