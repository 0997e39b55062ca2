"""Event knowledge of a language, read from `lang/<code>/events.tsv` and `events.json`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache

from wirelens.lang import LANG_ROOT, read_tsv
from wirelens.quotes.lexicon import fold


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None
    complement: str | None  # folded lemma that must head the object/complement
    written: str = ""  # the lemma with its accents ("marche" is not "marché")


@dataclass
class EventLexicon:
    verbs: dict[str, list[Trigger]] = field(default_factory=dict)  # folded lemma → triggers
    nouns: dict[str, list[Trigger]] = field(default_factory=dict)
    multiword_nouns: dict[str, list[tuple[tuple[str, ...], Trigger]]] = field(default_factory=dict)
    adjectives: dict[str, list[Trigger]] = field(default_factory=dict)
    words: dict = field(default_factory=dict)  # events.json

    def set(self, name: str) -> frozenset[str]:
        return frozenset(fold(w) for w in self.words.get(name, ()))


@cache
def load_event_lexicon(lang: str) -> EventLexicon:
    folder = LANG_ROOT / lang
    lex = EventLexicon()
    for row in read_tsv(folder / "events.tsv"):
        form, pos, comp, type_ = row[0], row[1], row[2] if len(row) > 2 else "", row[3]
        mode = row[4] if len(row) > 4 and row[4] else None
        trig = Trigger(type_, mode, fold(comp) if comp else None, form.lower())
        key = fold(form).replace("s'", "").replace("se ", "")
        if pos == "verb":
            lex.verbs.setdefault(key, []).append(trig)
        elif pos == "adj":
            lex.adjectives.setdefault(key, []).append(trig)
        elif " " in key:
            # words as the tokeniser splits them: "état d'alerte" → état, d', alerte
            head, *rest = re.findall(r"[^\s']+'?", key)
            lex.multiword_nouns.setdefault(head, []).append((tuple(rest), trig))
        else:
            lex.nouns.setdefault(key, []).append(trig)
    path = folder / "events.json"
    if path.is_file():
        lex.words = json.loads(path.read_text(encoding="utf-8"))
    return lex
