"""The work of one partition, on whichever worker gets it: read its slices, run the pipeline,
write its Parquet files, then its marker.

The spaCy model is loaded once per worker process (`wirelens.nlp.load_nlp` is cached per
process), never per task or record. A partition whose marker exists is not redone, so a retry,
a speculative copy or a rerun of a completed partition costs nothing. A record that fails is
an error row with its reason; only an exception outside the records (storage full, a lost
mount) fails the partition, and the engine retries it.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Iterator
from itertools import islice

from wirelens.errors import RecordError
from wirelens.ingest import Record
from wirelens.model import Article
from wirelens.scale.datasets import PartWriter, marker_file, read_marker, write_json_atomic
from wirelens.scale.plan import Part, read_part
from wirelens.settings import Settings

_WARM_UP = (
    "Paris (AFP) – « Nous sommes prêts », a déclaré lundi le ministre Jean Dupont aux "
    "journalistes, ajoutant que la France soutenait l'accord signé avec l'Allemagne."
)
_warm: set[tuple] = set()


def preload(settings: Settings) -> dict:
    """Load the model in this worker process (cached), and warm every other lazy resource
    (language identification, knowledge base, lexicons) on one short text, once per process:
    start-up is paid here, not by the first partition. Returns who, how long, which model."""
    t0 = time.perf_counter()
    version = None
    if settings.nlp:
        from wirelens.nlp import load_nlp, model_version

        version = model_version(load_nlp(settings.model))
    key = (settings.model, settings.nlp)
    if key not in _warm:
        _warm.add(key)
        try:
            from wirelens.pipeline import process_records
            from wirelens.store.rows import article_rows

            for res in process_records([Record(source="<warm-up>", text=_WARM_UP)], settings):
                if isinstance(res, Article):
                    article_rows(res, "0" * 64)
        except Exception:  # a warm-up must never stop a worker; the real records will tell
            pass
    return {
        "worker": f"{socket.gethostname()}:{os.getpid()}",
        "load_s": round(time.perf_counter() - t0, 3),
        "model": version,
    }


def _batched(items, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def process_partition(part: Part, out: str, settings: Settings) -> dict:
    """Run the pipeline over a partition and write its datasets; returns its summary (also
    its marker's content). Already done: the marker's summary, with `"skipped": True`."""
    done = read_marker(out, part.index)
    if done is not None:
        return {**done, "skipped": True}
    from wirelens.pipeline import process_records
    from wirelens.store.rows import article_rows, content_hash

    started = time.perf_counter()
    loaded = preload(settings)
    writer = PartWriter(out, part.index)
    seq = 0
    try:
        for batch in _batched(read_part(part, settings.max_chars), settings.batch_size):
            results = list(process_records(batch, settings))
            for rec, res in zip(batch, results, strict=True):
                hash_ = content_hash(rec) if isinstance(rec, Record) else None
                if isinstance(res, Article):
                    try:
                        _article(writer, seq, res, article_rows(res, hash_))
                    except Exception as exc:  # a bug on one record must not lose the others
                        res = RecordError(
                            rec.source, f"internal error: {type(exc).__name__}: {exc}"
                        )
                if isinstance(res, RecordError):
                    writer.add(
                        "errors",
                        {"seq": seq, "hash": hash_, "record": res.record, "reason": res.reason},
                    )
                seq += 1
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    summary = {
        "part": part.index,
        "records": seq,
        "articles": writer.counts["articles"],
        "quotes": writer.counts["quotes"],
        "entities": writer.counts["entities"],
        "mentions": writer.counts["mentions"],
        "events": writer.counts["events"],
        "errors": writer.counts["errors"],
        "seconds": round(time.perf_counter() - started, 3),
        "load_s": loaded["load_s"],
        "worker": loaded["worker"],
        "model": loaded["model"],
        "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    write_json_atomic(marker_file(out, part.index), summary)
    return summary


def _article(writer: PartWriter, seq: int, art: Article, rows) -> None:
    """The rows of one article: the store's own rows (`store.rows.article_rows`: canonical
    actors included) in flat Parquet columns, and the full Article JSON to rebuild them."""
    a, hash_ = rows.article, rows.hash
    key = {"seq": seq, "hash": hash_}
    writer.add(
        "articles",
        {
            **key,
            "record_id": art.id,
            "source": art.source,
            "url": art.url,
            "domain": a.get("domain"),
            "title": art.title,
            "published": art.published,
            "lang": a.get("lang"),
            "lang_confidence": a.get("lang_confidence"),
            "dateline_place": a.get("dateline_place"),
            "agencies": list(art.agencies),
            "authors": list(art.authors),
            "n_quotes": len(art.quotes),
            "n_entities": len(art.entities),
            "n_events": len(art.events),
            "text": art.text,
            "article_json": art.to_json(),
        },
    )
    for q in rows.quotes:
        writer.add("quotes", {**key, "record_id": art.id, **q})
    counts: dict[str, int] = {}
    for eid, *_ in rows.mentions:
        counts[eid] = counts.get(eid, 0) + 1
    for eid, name, type_, actor_id in rows.entities:
        writer.add(
            "entities",
            {
                **key,
                "entity": eid,
                "name": name,
                "type": type_,
                "actor_id": actor_id,
                "mentions": counts.get(eid, 0),
            },
        )
    for eid, start, end, text, kind in rows.mentions:
        writer.add(
            "mentions",
            {**key, "entity": eid, "start": start, "end": end, "text": text, "kind": kind},
        )
    for n, ev in enumerate(art.events):
        writer.add(
            "events",
            {
                **key,
                "record_id": art.id,
                "n": n,
                "type": ev.type,
                "mode": ev.mode,
                "actor": [p.name for p in ev.actor],
                "recipient": [p.name for p in ev.recipient],
                "trigger": ev.trigger.text,
                "trigger_start": ev.trigger.start,
                "trigger_end": ev.trigger.end,
                "sentence_start": ev.sentence.start,
                "sentence_end": ev.sentence.end,
                "confidence": ev.confidence,
                "event_json": json.dumps(ev.model_dump(mode="json"), ensure_ascii=False),
            },
        )
