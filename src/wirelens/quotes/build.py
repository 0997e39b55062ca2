"""Turn found quotations into model objects, resolving speakers to entities in text order."""

from __future__ import annotations

from spacy.tokens import Doc

from wirelens.actors.tracker import ActorEntity, ActorTracker
from wirelens.model import Cue, Entity, Mention, Participant, Quote
from wirelens.quotes.extractor import Found
from wirelens.quotes.lexicon import Lexicon
from wirelens.spacy_cache import doc_text


def _description_name(text: str) -> str:
    """A description standing for an unnamed source, trimmed to its noun phrase."""
    return text.split(",")[0].strip()


def build_quotes(
    doc: Doc, found: list[Found], tracker: ActorTracker, lex: Lexicon
) -> tuple[list[Quote], list[Entity]]:
    text = doc_text(doc)
    quotes: list[Quote] = []
    last_speaker: tuple[int, ActorEntity | None, str] | None = None
    resolved_cache: dict[int, tuple[ActorEntity | None, str | None]] = {}

    def resolve(att_id: int, s: int, e: int, kind: str, pos: int):
        if att_id in resolved_cache:
            return resolved_cache[att_id]
        mention_text = text[s:e]
        ent: ActorEntity | None = None
        name: str | None = None
        if kind == "pronoun":
            ent, name = tracker.resolve_pronoun(mention_text, s, last_speaker)
        else:
            ent = tracker.entity_at(s, e)
            role = lex.role(mention_text) if kind == "description" else None
            if ent is not None and role and role[2] == "PER" and ent.type != "PER":
                ent = None  # "la directrice de l'Agence régionale de santé" is not the agency
            if ent is None:
                ent = tracker.lookup(mention_text)  # a variant the recogniser missed
            if ent is None and kind in ("description", "implicit", "partial_name", "name"):
                ent = tracker.resolve_description(mention_text, s)
                if ent is not None:
                    tracker.remember_descriptor(ent, mention_text)
            if ent is None:
                name = _description_name(mention_text)
        if ent is not None:
            name = ent.name
        tracker.note_speaker(s, e, mention_text, ent)
        resolved_cache[att_id] = (ent, name)
        return ent, name

    for f in found:
        att = f.attribution
        speaker = addressee = cue = None
        if att is not None:
            if att.cue_end > att.cue_start:
                cue = Cue(
                    text=text[att.cue_start : att.cue_end],
                    start=att.cue_start,
                    end=att.cue_end,
                    lemma=att.cue_lemma,
                )
            if att.speaker_start is not None:
                ent, name = resolve(
                    id(att), att.speaker_start, att.speaker_end, att.speaker_kind, f.start
                )
                if name:
                    kind = "implicit" if f.follow_on else att.speaker_kind
                    mention = None
                    if not f.follow_on:
                        mention = Mention(
                            text=text[att.speaker_start : att.speaker_end],
                            start=att.speaker_start,
                            end=att.speaker_end,
                            kind=kind
                            if kind
                            in ("name", "partial_name", "pronoun", "description", "implicit")
                            else "description",
                        )
                    speaker = Participant(
                        name=name, entity=ent.id if ent else None, mention=mention
                    )
                    last_speaker = (f.start, ent, name)
            if att.addressee_start is not None:
                a_text = text[att.addressee_start : att.addressee_end]
                a_ent = tracker.entity_at(att.addressee_start, att.addressee_end)
                if a_ent is None:
                    a_ent = tracker.resolve_description(a_text, att.addressee_start)
                addressee = Participant(
                    name=a_ent.name if a_ent else _description_name(a_text),
                    entity=a_ent.id if a_ent else None,
                    mention=Mention(
                        text=a_text,
                        start=att.addressee_start,
                        end=att.addressee_end,
                        kind="name" if a_ent else "description",
                    ),
                )
            if f.follow_on:
                cue = None
        quotes.append(
            Quote(
                text=text[f.start : f.end],
                start=f.start,
                end=f.end,
                type=f.type,  # type: ignore[arg-type]
                cue=cue,
                speaker=speaker,
                addressee=addressee,
                confidence=round(f.confidence if speaker else f.confidence * 0.5, 2),
            )
        )
    entities = []
    for ent in tracker.entities:
        mentions = [
            Mention(text=t, start=s, end=e, kind=k if k in ("name", "partial_name") else "name")
            for s, e, t, k in ent.mentions
        ]
        entities.append(
            Entity(
                id=ent.id,
                name=ent.name,
                type=ent.type if ent.type in ("PER", "ORG", "LOC", "MISC") else "MISC",
                mentions=mentions,
            )
        )
    return quotes, entities
