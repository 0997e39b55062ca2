"""An `Article` → the rows the store writes, computed where the article was made (a worker).

Canonical actors are resolved here too (`wirelens.actors.canonical`), so the single writer
process only inserts. Everything is plain tuples and dicts: cheap to send between processes.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from wirelens.ingest import Record
from wirelens.model import Article, Participant
from wirelens.quotes.lexicon import fold
from wirelens.stories.fingerprint import band_keys, facts, quote_key, signature, to_blob

_NON_WORD = re.compile(r"[\W_]+")


def content_hash(record: Record) -> str:
    """The article's identity: sha256 of its URL and raw content. The same input ingested
    twice (or resumed) hashes the same, so the store adds nothing; the same text at another
    URL is another article (a syndicated copy)."""
    h = hashlib.sha256()
    h.update((record.url or "").encode("utf-8", "surrogatepass"))
    h.update(b"\x00")
    h.update(
        (record.html if record.html is not None else record.text or "").encode(
            "utf-8", "surrogatepass"
        )
    )
    return h.hexdigest()


def norm_name(name: str) -> str:
    """Folded name for lookups: "M. Vladimir  Poutine" → "m vladimir poutine"."""
    return _NON_WORD.sub(" ", fold(name)).strip()


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


@dataclass
class ActorRow:
    id: str
    name: str
    type: str | None
    country: str | None
    kb: bool
    roles: list[str] = field(default_factory=list)
    alias_counts: dict[str, int] = field(default_factory=dict)  # alias as written → mentions


@dataclass
class ArticleRows:
    """Everything the store writes for one article."""

    hash: str
    article: dict  # column → value for the articles table
    removed: list[tuple] = field(default_factory=list)  # (start, end, reason, text)
    entities: list[tuple] = field(default_factory=list)  # (eid, name, type, actor_id)
    mentions: list[tuple] = field(default_factory=list)  # (eid, start, end, text, kind)
    quotes: list[dict] = field(default_factory=list)
    # events: (column → value, [(role, name, country, actor id), ...])
    events: list[tuple[dict, list[tuple]]] = field(default_factory=list)
    actors: dict[str, ActorRow] = field(default_factory=dict)
    # syndication (wirelens.stories.fingerprint)
    minhash: bytes = b""
    shingles: int = 0
    bands: list[int] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)


class _Actors:
    """Resolves names to canonical actors for one article and collects their rows."""

    def __init__(self, date: str | None, lang: str | None) -> None:
        from wirelens.actors.canonical import resolver

        self.resolver = resolver(lang if lang in ("fr", "en") else "fr")
        self.date, self.lang = date, lang
        self.rows: dict[str, ActorRow] = {}

    def resolve(self, name: str, type_: str | None, kind: str = "name") -> str | None:
        actor = self.resolver.resolve(name, type_, kind=kind, date=self.date, lang=self.lang)
        if actor is None:
            return None
        row = self.rows.get(actor.id)
        if row is None:
            row = self.rows[actor.id] = ActorRow(
                id=actor.id,
                name=actor.name,
                type=actor.type,
                country=actor.country,
                kb=actor.id.startswith(("kb:", "country:")),
                roles=list(actor.roles),
            )
            for alias in actor.aliases:
                row.alias_counts.setdefault(alias, 0)
            row.alias_counts.setdefault(actor.name, 0)
        return actor.id

    def seen(self, actor_id: str, alias: str) -> None:
        counts = self.rows[actor_id].alias_counts
        counts[alias] = counts.get(alias, 0) + 1


def _participant(
    p: Participant | None, actors: _Actors, entity_actor: dict[str, str | None]
) -> tuple[str | None, str | None, str | None, str | None]:
    """(name, actor id, mention text, mention kind) of a speaker or addressee."""
    if p is None:
        return None, None, None, None
    kind = p.mention.kind if p.mention else "name"
    if p.entity and p.entity in entity_actor:
        actor_id = entity_actor[p.entity]
    elif kind in ("name", "partial_name", "description"):
        actor_id = actors.resolve(p.name, None, kind)
    else:
        actor_id = None
    name = actors.rows[actor_id].name if actor_id else p.name
    return name, actor_id, p.mention.text if p.mention else None, kind


def article_rows(article: Article, hash_: str) -> ArticleRows:
    lang = article.language.code if article.language else None
    domain = domain_of(article.url)
    rows = ArticleRows(
        hash=hash_,
        article={
            "hash": hash_,
            "record_id": article.id,
            "source": article.source,
            "url": article.url,
            "domain": domain,
            "title": article.title,
            "published": article.published,
            "lang": lang,
            "lang_confidence": article.language.confidence if article.language else None,
            "dateline_place": article.dateline.place if article.dateline else None,
            "agencies": json.dumps(article.agencies, ensure_ascii=False),
            "text": article.text,
            "doc": article.to_json(),
        },
        removed=[(r.start, r.end, r.reason, r.text) for r in article.removed],
    )
    actors = _Actors(article.published, lang)
    entity_actor: dict[str, str | None] = {}
    for ent in article.entities:
        kind = "description" if ent.type == "DESC" else "name"
        actor_id = actors.resolve(ent.name, ent.type, kind)
        entity_actor[ent.id] = actor_id
        rows.entities.append((ent.id, ent.name, ent.type, actor_id))
        for m in ent.mentions:
            rows.mentions.append((ent.id, m.start, m.end, m.text, m.kind))
            if actor_id and m.kind in ("name", "partial_name"):
                actors.seen(actor_id, m.text)
    for n, q in enumerate(article.quotes):
        speaker, speaker_actor, mention, kind = _participant(q.speaker, actors, entity_actor)
        addressee, addressee_actor, _, _ = _participant(q.addressee, actors, entity_actor)
        rows.quotes.append(
            {
                "n": n,
                "type": q.type,
                "text": q.text,
                "start": q.start,
                "end": q.end,
                "cue": q.cue.text if q.cue else None,
                "cue_lemma": q.cue.lemma if q.cue else None,
                "speaker": speaker,
                "speaker_actor": speaker_actor,
                "speaker_mention": mention,
                "speaker_kind": kind,
                "addressee": addressee,
                "addressee_actor": addressee_actor,
                "confidence": q.confidence,
                "published": article.published,
                "lang": lang,
                "domain": domain,
                "quote_key": quote_key(q.text),
            }
        )
    for n, ev in enumerate(article.events):
        participants = []
        for role, people in (("actor", ev.actor), ("recipient", ev.recipient)):
            for p in people:
                if p.entity and p.entity in entity_actor:
                    actor_id = entity_actor[p.entity]
                elif p.country and not p.entity and actors.resolver.country_of(p.name):
                    actor_id = actors.resolve(p.name, "LOC")
                else:
                    actor_id = actors.resolve(p.name, None)
                participants.append((role, p.name, p.country, actor_id))
        # one act of a story: its copies share type, participants and the trigger's words,
        # while two acts of one article with the same participants stay apart
        key_parts = [ev.type, " ".join(ev.trigger.text.lower().split())] + sorted(
            f"{r}:{c or a or nm}" for r, nm, c, a in participants
        )
        rows.events.append(
            (
                {
                    "n": n,
                    "type": ev.type,
                    "mode": ev.mode,
                    "trigger": ev.trigger.text,
                    "start": ev.trigger.start,
                    "end": ev.trigger.end,
                    "sentence_start": ev.sentence.start,
                    "sentence_end": ev.sentence.end,
                    "flags": json.dumps(ev.flags),
                    "confidence": ev.confidence,
                    "event_key": "|".join(key_parts),
                    "published": article.published,
                    "lang": lang,
                    "domain": domain,
                },
                participants,
            )
        )
    rows.actors = actors.rows
    sig, rows.shingles = signature(article.text)
    rows.minhash, rows.bands = to_blob(sig), band_keys(sig)
    rows.facts = sorted(facts(article.text, set(actors.rows)))
    return rows
