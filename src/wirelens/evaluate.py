"""Scoring quotations against a gold set: the figures `wirelens eval` prints.

The matching rules are the project's shared ones (the dev-set scorer), so the figures agree:

- gold and predicted quotations are located in the source text by their text, not by offsets:
  the text is normalised one character for one (quote marks, apostrophes, spaces, dashes,
  accents, case), the quotation's own surrounding marks, spaces and punctuation are stripped,
  and any run of spaces matches any other; of several occurrences, the first one not already
  taken by an earlier quotation of the same side is used;
- matching is one-to-one and greedy, best score first: `strict` needs a span IoU ≥ 0.5 (the
  main figure), `lenient` needs the prediction to cover ≥ 30 % of the gold span;
- a gold quotation marked `optional` is never missed, and a prediction matching it is neither
  a true nor a false positive;
- a speaker is right (against the gold `speaker` or any of its `speaker_alts`) when both are
  null, when one name's content words are a subset of the other's (accents, case, titles and
  articles ignored), when one is the acronym of the other, or when both end with the same
  surname (longer than two letters);
- end-to-end: a quotation found AND its speaker right; a found quotation with a wrong speaker
  counts as both a false positive and a false negative.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

QUOTE_CHARS = '«»“”„‟"‹›「」'
APOSTROPHES = "’‘‛`´ʼ′"
_STRIP = QUOTE_CHARS + APOSTROPHES + "'" + " \t\n\r\u00a0\u202f\u2009.,;:!?-–—…"
_TITLES = frozenset(
    {
        "m",
        "mme",
        "mlle",
        "mr",
        "mrs",
        "ms",
        "dr",
        "pr",
        "me",
        "sir",
        "le",
        "la",
        "les",
        "l",
        "the",
        "de",
        "du",
        "des",
        "d",
        "president",
        "presidente",
        "minister",
        "ministre",
        "a",
        "an",
        "un",
        "une",
    }
)
STRICT_IOU = 0.5
LENIENT_COVER = 0.3
MODES = ("strict", "lenient")

Span = tuple[int, int]
NO_SPAN: Span = (-1, -1)


# -- reading ----------------------------------------------------------------------------------


def load_records(path: str | Path) -> dict[str, dict]:
    """Records by id from a JSONL file, a single JSON object, or a folder of *.json files."""
    p = Path(path)
    records: list[dict] = []
    if p.is_dir():
        records = [json.loads(f.read_text(encoding="utf-8")) for f in sorted(p.glob("*.json"))]
    else:
        raw = p.read_text(encoding="utf-8").strip()
        if raw.startswith("{") and "\n{" not in raw:
            records = [json.loads(raw)]
        else:
            records = [json.loads(line) for line in raw.splitlines() if line.strip()]
    return {str(r["id"]): r for r in records}


def load_texts(path: str | Path, gold: dict[str, dict]) -> dict[str, str]:
    """Source texts by id: JSONL `{"id","text"}`, or one .txt for a single-article gold."""
    p = Path(path)
    if p.suffix.lower() == ".txt":
        rid = next(iter(gold)) if len(gold) == 1 else p.stem
        return {rid: p.read_text(encoding="utf-8")}
    return {rid: rec["text"] for rid, rec in load_records(p).items() if "text" in rec}


# -- locating quotations ----------------------------------------------------------------------


def _norm_char(ch: str) -> str:
    if ch in QUOTE_CHARS:
        return '"'
    if ch in APOSTROPHES:
        return "'"
    if ch.isspace():
        return " "
    if ch in "–—‐-":
        return "-"
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return (base[:1] or ch).lower()


def normalise(text: str) -> str:
    """One character for one, so that offsets in the result are offsets in `text`."""
    return "".join(_norm_char(c) for c in text)


def locate(norm_haystack: str, needle: str, taken: list[Span]) -> Span | None:
    """Span of `needle` in the normalised text; the first occurrence not in `taken`."""
    words = needle.strip(_STRIP).split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(normalise(w)) for w in words)
    spans = [(m.start(), m.end()) for m in re.finditer(pattern, norm_haystack)]
    if not spans:
        return None
    return next((sp for sp in spans if sp not in taken), spans[0])


def locate_all(quotes: list[dict], norm_text: str) -> list[Span]:
    spans: list[Span] = []
    taken: list[Span] = []
    for q in quotes:
        sp = locate(norm_text, q.get("text") or "", taken)
        if sp is None:
            spans.append(NO_SPAN)
        else:
            taken.append(sp)
            spans.append(sp)
    return spans


# -- speakers ---------------------------------------------------------------------------------


def name_words(name: str | dict | None) -> list[str]:
    """Content words of a speaker name (a string or `{"name": …}`): no accents, titles, articles."""
    if isinstance(name, dict):
        name = name.get("name") or name.get("text")
    if name is None:
        return []
    s = unicodedata.normalize("NFKD", str(name))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return [w for w in re.findall(r"[a-z0-9]+", s) if w not in _TITLES]


def _acronym(short: list[str], long: list[str]) -> bool:
    return len(short) == 1 and len(long) > 1 and short[0] == "".join(w[0] for w in long)


def same_speaker(gold: str | dict | None, pred: str | dict | None) -> bool:
    g, p = name_words(gold), name_words(pred)
    if not g or not p:
        return not g and not p
    if set(g) <= set(p) or set(p) <= set(g):
        return True
    if _acronym(g, p) or _acronym(p, g):
        return True
    return g[-1] == p[-1] and len(g[-1]) > 2


def speaker_right(gold_quote: dict, pred_quote: dict) -> bool:
    names = [gold_quote.get("speaker"), *(gold_quote.get("speaker_alts") or [])]
    return any(same_speaker(g, pred_quote.get("speaker")) for g in names)


# -- matching and scoring ---------------------------------------------------------------------


def match(gold_spans: list[Span], pred_spans: list[Span], mode: str) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs, greedily by decreasing score."""
    candidates = []
    for i, (gs, ge) in enumerate(gold_spans):
        if gs < 0:
            continue
        for j, (ps, pe) in enumerate(pred_spans):
            if ps < 0:
                continue
            inter = min(ge, pe) - max(gs, ps)
            if inter <= 0:
                continue
            if mode == "strict":
                score, threshold = inter / (max(ge, pe) - min(gs, ps)), STRICT_IOU
            else:
                score, threshold = inter / (ge - gs), LENIENT_COVER
            if score >= threshold:
                candidates.append((score, i, j))
    candidates.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class ModeScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tp_e2e: int = 0  # found and speaker right
    type_ok: int = 0
    speaker_n: int = 0  # matched gold quotes with a non-null speaker
    speaker_ok: int = 0
    by_kind: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    by_type: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    @property
    def quotes(self) -> tuple[float, float, float]:
        return prf(self.tp, self.fp, self.fn)

    @property
    def end_to_end(self) -> tuple[float, float, float]:
        wrong = self.tp - self.tp_e2e
        return prf(self.tp_e2e, self.fp + wrong, self.fn + wrong)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_ok / self.speaker_n if self.speaker_n else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.type_ok / self.tp if self.tp else 0.0

    def speaker_by_kind(self) -> dict[str, tuple[int, float]]:
        return {k: (c["n"], c["ok"] / c["n"]) for k, c in sorted(self.by_kind.items()) if c["n"]}

    def recall_by_type(self) -> dict[str, float]:
        return {
            k: c["tp"] / (c["tp"] + c["fn"])
            for k, c in sorted(self.by_type.items())
            if c["tp"] + c["fn"]
        }

    def as_dict(self) -> dict:
        (p, r, f), (pe, re_, fe) = self.quotes, self.end_to_end
        return {
            "quotes": {"p": p, "r": r, "f1": f, "tp": self.tp, "fp": self.fp, "fn": self.fn},
            "speaker_accuracy": self.speaker_accuracy,
            "type_accuracy": self.type_accuracy,
            "end_to_end": {"p": pe, "r": re_, "f1": fe},
            "speaker_by_mention_kind": {
                k: {"n": n, "acc": acc} for k, (n, acc) in self.speaker_by_kind().items()
            },
            "recall_by_gold_type": self.recall_by_type(),
        }


@dataclass
class ErrorCase:
    id: str
    kind: str  # missed, spurious, speaker
    text: str
    gold_speaker: object = None
    pred_speaker: object = None

    def one_line(self) -> str:
        return (
            f"  {self.id:10s} {self.kind:8s} gold={self.gold_speaker!r} "
            f"pred={self.pred_speaker!r} :: {self.text[:70]}"
        )


@dataclass
class Scores:
    modes: dict[str, ModeScore]
    errors: list[ErrorCase]  # strict matching, in record order

    def as_dict(self) -> dict:
        return {mode: s.as_dict() for mode, s in self.modes.items()}


def score(
    gold: dict[str, dict], pred: dict[str, dict], texts: dict[str, str] | None = None
) -> Scores:
    """Score predicted records against gold records (both `{"id","quotes":[…]}` by id).

    Without a source text for a record, quotations are located in the concatenation of that
    record's gold and predicted quotation texts.
    """
    texts = texts or {}
    modes: dict[str, ModeScore] = {}
    errors: list[ErrorCase] = []
    for mode in MODES:
        s = ModeScore()
        for rid, grec in gold.items():
            gq = grec.get("quotes", [])
            pq = (pred.get(rid) or {}).get("quotes", [])
            text = texts.get(rid)
            if text is None:
                text = "\n".join(q.get("text", "") for q in gq + pq)
            norm = normalise(text)
            pairs = match(locate_all(gq, norm), locate_all(pq, norm), mode)
            for i, j in pairs:
                g, p = gq[i], pq[j]
                if g.get("optional"):
                    continue
                ok = speaker_right(g, p)
                s.tp += 1
                s.tp_e2e += ok
                kind = s.by_kind[g.get("mention_kind") or "?"]
                kind["n"] += 1
                kind["ok"] += ok
                s.by_type[g.get("type", "?")]["tp"] += 1
                s.type_ok += p.get("type") == g.get("type")
                if g.get("speaker") is not None:
                    s.speaker_n += 1
                    s.speaker_ok += ok
                if not ok and mode == "strict":
                    errors.append(
                        ErrorCase(
                            rid, "speaker", g.get("text", ""), g.get("speaker"), p.get("speaker")
                        )
                    )
            matched_g = {i for i, _ in pairs}
            matched_p = {j for _, j in pairs}
            for i, g in enumerate(gq):
                if i not in matched_g and not g.get("optional"):
                    s.fn += 1
                    s.by_type[g.get("type", "?")]["fn"] += 1
                    if mode == "strict":
                        errors.append(ErrorCase(rid, "missed", g.get("text", ""), g.get("speaker")))
            for j, p in enumerate(pq):
                if j not in matched_p:
                    s.fp += 1
                    if mode == "strict":
                        errors.append(
                            ErrorCase(rid, "spurious", p.get("text", ""), None, p.get("speaker"))
                        )
        modes[mode] = s
    return Scores(modes, errors)


def report(scores: Scores, n_errors: int = 0) -> list[str]:
    """The lines `wirelens eval` prints; the end-to-end F1 (strict) is the last one."""
    lines = []
    for mode, s in scores.modes.items():
        (p, r, f), e2e = s.quotes, s.end_to_end
        lines.append(
            f"{mode:8s} quotes P {p:.3f} R {r:.3f} F1 {f:.3f} (tp {s.tp} fp {s.fp} fn {s.fn}) "
            f"| speaker acc {s.speaker_accuracy:.3f} | type acc {s.type_accuracy:.3f} "
            f"| end-to-end F1 {e2e[2]:.3f}"
        )
        lines.append(
            "         recall by gold type: "
            + ", ".join(f"{k} {v:.2f}" for k, v in s.recall_by_type().items())
        )
        lines.append(
            "         speaker by mention kind: "
            + ", ".join(f"{k} {acc:.2f} (n={n})" for k, (n, acc) in s.speaker_by_kind().items())
        )
    lines.extend(err.one_line() for err in scores.errors[:n_errors])
    lines.append(f"end-to-end F1 {scores.modes['strict'].end_to_end[2]:.3f}")
    return lines


# -- predictions ------------------------------------------------------------------------------


def predict(
    texts: dict[str, str],
    settings=None,
    lang: dict[str, str] | None = None,
    failures: list | None = None,
) -> dict:
    """Run the pipeline over the texts; prediction records `{"id","quotes":[…]}` by id.

    A record that fails keeps an empty prediction (it counts as missed) and its `RecordError`
    is appended to `failures`, so a score never hides a crash.
    """
    from wirelens.errors import RecordError
    from wirelens.pipeline import process_records, to_record

    items = [{"id": rid, "text": t, "lang": (lang or {}).get(rid)} for rid, t in texts.items()]
    pred: dict[str, dict] = {rid: {"id": rid, "quotes": []} for rid in texts}
    records = (to_record(item, n) for n, item in enumerate(items))
    for res in process_records(records, settings):
        if isinstance(res, RecordError):
            if failures is not None:
                failures.append(res)
            continue
        pred[str(res.id)]["quotes"] = [quote_record(q) for q in res.quotes]
    return pred


def quote_record(q) -> dict:
    """A `Quote` in the shared prediction format (plus offsets, cue and mention kind)."""
    return {
        "text": q.text,
        "type": q.type,
        "speaker": q.speaker.name if q.speaker else None,
        "mention_kind": q.speaker.mention.kind if q.speaker and q.speaker.mention else None,
        "cue": q.cue.text if q.cue else None,
        "addressee": q.addressee.name if q.addressee else None,
        "start": q.start,
        "end": q.end,
    }
