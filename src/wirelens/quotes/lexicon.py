"""Language knowledge for quotation finding, read from `wirelens/lang/<code>/` data files.

Nothing language-specific is written in code: cue verbs, thought verbs, source prepositions,
pronouns, role nouns, titles, demonyms and seats of power are data. Adding a language means
adding a folder with these files.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from types import SimpleNamespace

from wirelens.lang import LANG_ROOT
from wirelens.lang import read_tsv as _rows


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophes unified: the key used for every lookup."""
    text = text.replace("’", "'").replace("‘", "'").lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _verb_forms(
    lemma: str, endings: dict[str, list[str]], irregular: dict[str, list[str]]
) -> set[str]:
    """Inflected forms of a cue lemma: regular endings, then the irregular table."""
    forms = {lemma, *irregular.get(lemma, ())}
    for ending, suffixes in endings.items():
        if lemma.endswith(ending):
            stem = lemma[: -len(ending)]
            forms |= {stem + suffix for suffix in suffixes}
            break
    return forms


@dataclass
class Lexicon:
    lang: str
    cues: dict[str, str] = field(default_factory=dict)  # folded lemma -> kind
    cue_forms: dict[str, str] = field(default_factory=dict)  # folded form -> folded lemma
    # multiword cues ("faire savoir", "mettre en garde"): head lemma -> [(following words, cue)]
    multiword: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    thought: set[str] = field(default_factory=set)
    sources: dict[str, str] = field(default_factory=dict)  # folded form -> position
    pronouns: dict[str, tuple[str, str]] = field(default_factory=dict)  # form -> (gender, number)
    roles: dict[str, tuple[str, str]] = field(default_factory=dict)  # folded noun -> (class, kind)
    role_genders: dict[str, str] = field(default_factory=dict)  # folded noun -> f or x
    titles: set[str] = field(default_factory=set)
    countries: dict[str, str] = field(default_factory=dict)  # folded form -> ISO3
    documents: set[str] = field(default_factory=set)
    time_words: set[str] = field(default_factory=set)
    naming: set[str] = field(default_factory=set)
    # closed word classes (grammar.json): lex.grammar.reflexives, lex.grammar.auxiliaries, …
    grammar: SimpleNamespace = field(default_factory=SimpleNamespace)
    _countries_split: tuple | None = field(default=None, repr=False, compare=False)

    def cue_kind(self, lemma: str, form: str = "") -> str | None:
        key = fold(lemma)
        if key in self.cues:
            return self.cues[key]
        base = self.cue_forms.get(fold(form))
        return self.cues.get(base) if base else None

    def cue_lemma(self, lemma: str, form: str = "") -> str | None:
        key = fold(lemma)
        if key in self.cues:
            return key
        return self.cue_forms.get(fold(form))

    def role(self, phrase: str) -> tuple[str, str, str] | None:
        """(role noun, class, kind) of the longest role noun found in a noun phrase."""
        # demonyms sit between the words of a role ("ministre français des Affaires étrangères")
        words = [
            w
            for w in fold(phrase).replace("'", "' ").replace("-", " - ").split()
            if w not in self.countries
        ]
        best = None
        for n in (4, 3, 2, 1):
            for i in range(len(words) - n + 1):
                key = " ".join(words[i : i + n]).replace(" - ", "-")
                if key not in self.roles and key[-1:] in ("s", "x") and key[:-1] in self.roles:
                    key = key[:-1]  # plural: "les syndicats", "plusieurs médias"
                if key in self.roles:
                    cls, kind = self.roles[key]
                    if best is None or i < best[3]:
                        best = (key, cls, kind, i)
            if best:
                break
        return best[:3] if best else None

    def country_codes(self, phrase: str) -> set[str]:
        folded = fold(phrase)
        one_word, phrases = self._country_index()
        codes = set()
        for word in folded.replace("'", " ").split():
            if word in one_word:  # "sud-coréenne", "sierra-léonais" as one word
                codes.add(one_word[word])
            else:
                codes.update(one_word[w] for w in word.split("-") if w in one_word)
        codes.update(code for form, code in phrases if form in folded)
        return codes

    def _country_index(self) -> tuple[dict[str, str], list[tuple[str, str]]]:
        """`countries` split, once, into one-word forms (looked up by word) and forms of
        several words (searched in the phrase): no scan of every form for each phrase."""
        if self._countries_split is None:
            one_word = {f: c for f, c in self.countries.items() if " " not in f}
            phrases = [(f, c) for f, c in self.countries.items() if " " in f]
            self._countries_split = (one_word, phrases)
        return self._countries_split


@cache
def load_lexicon(lang: str) -> Lexicon:
    folder = LANG_ROOT / lang
    lex = Lexicon(lang=lang)
    endings, irregular = {}, {}
    for row in _rows(folder / "verb_forms.tsv"):
        table = endings if row[0].startswith("-") else irregular
        table[fold(row[0]).lstrip("-")] = row[1].split()
    for row in _rows(folder / "cues.tsv"):
        reflexive = row[0].startswith(("s'", "se_"))
        lemma = fold(row[0]).replace("_", " ").replace("s'", "").replace("se ", "")
        kind = row[1] if len(row) > 1 else "speech"
        if reflexive and lemma in lex.cues:
            continue  # "se dire" must not hide "dire"; reflexive use is checked in context
        lex.cues[lemma] = kind
        if " " in lemma and not reflexive:
            head, *rest = lemma.split()
            lex.multiword.setdefault(head, []).append((tuple(rest), lemma))
        for form in _verb_forms(lemma, endings, irregular):
            lex.cue_forms.setdefault(form, lemma)
    lex.thought = {fold(r[0]) for r in _rows(folder / "thought.txt")}
    lex.sources = {
        fold(r[0]): (r[1] if len(r) > 1 else "any") for r in _rows(folder / "sources.tsv")
    }
    lex.pronouns = {r[0].lower(): (r[1], r[2]) for r in _rows(folder / "pronouns.tsv")}
    for r in _rows(folder / "roles.tsv"):
        lex.roles[fold(r[0])] = (r[1], r[2])
        lex.role_genders[fold(r[0])] = r[3] if len(r) > 3 and r[3] else "x"
    lex.titles = {r[0] for r in _rows(folder / "titles.txt")}
    for name in ("demonyms.tsv", "seats.tsv"):
        for r in _rows(folder / name):
            lex.countries[fold(r[0])] = r[1]
    lex.documents = {fold(r[0]) for r in _rows(folder / "documents.txt")}
    lex.time_words = {fold(r[0]) for r in _rows(folder / "time_words.txt")}
    lex.naming = {fold(r[0]) for r in _rows(folder / "naming.txt")}
    grammar_file = folder / "grammar.json"
    if grammar_file.is_file():
        classes = json.loads(grammar_file.read_text(encoding="utf-8"))
        lex.grammar = SimpleNamespace(
            **{
                name: frozenset(value) if isinstance(value, list) else value
                for name, value in classes.items()
                if not name.startswith("_")
            }
        )
    return lex
