"""What an article contributes to syndication detection.

Near-duplicates: the text is folded (case, accents, apostrophes), cut into words, and every run
of `SHINGLE` words is hashed into a MinHash signature (datasketch) of `NUM_PERM` values. The
signature is split into `BANDS` bands of `ROWS` values; two articles that agree on a whole band
become candidates (LSH), and candidates are kept when their estimated overlap passes the
threshold. With 42 bands of 3 rows, pairs of Jaccard similarity 0.5 are candidates 99.6% of the
time, pairs at 0.1 only 4%: the threshold is applied on verification, so it can change
without re-indexing.

Cross-language links: the facts of an article are its numbers of 3 digits or more, thousands
separators removed and years left out ("12 000", "12,000" and "12.000" are all 12000), and its
canonical actors
(ids shared across languages: "Poutine" and "Putin" are both kb:vladimir-putin). No translation
model is needed; agreement on many such facts is weaker evidence than shared wording.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

import numpy as np

from wirelens.quotes.lexicon import fold

SHINGLE = 5  # words per shingle
NUM_PERM = 126
BANDS, ROWS = 42, 3
SEED = 1
_WORD = re.compile(r"\w+")
# a number: digit groups joined by thousands separators ("25 000", "25,000", "25.000")
_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f,.]\d{3}(?!\d))*")
_YEAR = re.compile(r"(?:19|20)\d\d")


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def shingles(text: str) -> set[bytes]:
    ws = words(text)
    if len(ws) < SHINGLE:
        return {" ".join(ws).encode()} if ws else set()
    return {" ".join(ws[i : i + SHINGLE]).encode() for i in range(len(ws) - SHINGLE + 1)}


@cache
def _permutations() -> np.ndarray:
    """The MinHash permutations of `SEED`, drawn once per process rather than per article."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations


def signature(text: str) -> tuple[np.ndarray, int]:
    """(MinHash values, number of distinct shingles) of a text; the same seed in every process
    gives the same permutations, so signatures compare across runs."""
    from datasketch import MinHash

    sh = shingles(text)
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32", permutations=_permutations())
    mh.update_batch(list(sh))
    return mh.hashvalues.astype(np.uint32), len(sh)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (an SQLite INTEGER), stable across processes."""
    keys = []
    for b in range(BANDS):
        digest = hashlib.blake2b(sig[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8)
        keys.append(int.from_bytes(digest.digest(), "little", signed=True))
    return keys


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4")


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)


def overlap(j: float, size_a: int, size_b: int) -> float:
    """Estimated share of the smaller article's shingles found in the other one (containment):
    a truncated copy overlaps its original fully even when their Jaccard is low."""
    if min(size_a, size_b) == 0:
        return 0.0
    inter = j * (size_a + size_b) / (1 + j)
    return min(1.0, inter / min(size_a, size_b))


def facts(text: str, actor_ids: set[str]) -> set[str]:
    """Language-independent facts of an article (see the module docstring)."""
    numbers = {re.sub(r"\D", "", n) for n in _NUMBER.findall(text)}
    out = {f"n:{d}" for d in numbers if len(d) >= 3 and not _YEAR.fullmatch(d)}
    out |= {f"a:{a}" for a in actor_ids if not a.startswith("country:")}
    return out


def quote_key(text: str) -> str:
    """Equal for the same quotation in two copies (case, accents, spacing, punctuation aside)."""
    return hashlib.sha1(" ".join(words(text)).encode()).hexdigest()[:16]
