"""Per-language data files: `lang/<code>/*.tsv` (junk patterns, cues, ...) and shared ones here.

Data files are plain UTF-8 text: one record a line, fields separated by TABs, `#` starts a comment
line, blank lines are ignored. Keeping rules as data lets them grow without touching code.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

LANG_ROOT = Path(__file__).parent
_CODE = re.compile(r"[a-z]{2,3}")


def lang_dir(code: str) -> Path:
    """The data folder of a language (ISO 639-1 code, e.g. "fr"); it may not exist."""
    return LANG_ROOT / code.lower()


@cache
def available_languages() -> tuple[str, ...]:
    """Codes of the languages that have a data folder, sorted."""
    return tuple(
        sorted(p.name for p in LANG_ROOT.iterdir() if p.is_dir() and _CODE.fullmatch(p.name))
    )


def read_tsv(path: str | Path) -> list[list[str]]:
    """Rows of a TAB-separated data file, without comment (`#` first) and blank lines.

    Fields are split on each TAB (an empty field stays, as "") and stripped of surrounding
    spaces; a missing file gives [].
    """
    path = Path(path)
    if not path.is_file():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([field.strip() for field in line.split("\t")])
    return rows
