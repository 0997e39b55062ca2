"""The JSON Schema of an `Article` as written by `wirelens extract` (generated from model.py).

`python -m wirelens.schema` rewrites `article.schema.json`; `--check` exits 1 if the committed
file is out of date. See docs/schema.md for the fields and the versioning policy.
"""

from __future__ import annotations

import json
from pathlib import Path

from wirelens.model import SCHEMA_VERSION, Article

SCHEMA_PATH = Path(__file__).with_name("article.schema.json")
SCHEMA_URI = f"urn:wirelens:schema:article:{SCHEMA_VERSION}"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def generate_schema() -> dict:
    """The Article JSON Schema: pydantic's serialization schema plus id, title and version."""
    body = Article.model_json_schema(mode="serialization")
    body.pop("title", None)
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": SCHEMA_URI,
        "title": "wirelens Article",
        "description": "One article as written by `wirelens extract` (JSON, or one line of JSONL). "
        "Offsets are character offsets into `text`, except `removed`, which point into the "
        "input before cleaning. See docs/schema.md.",
        "schema_version": SCHEMA_VERSION,
        **body,
    }


def render_schema() -> str:
    return json.dumps(generate_schema(), ensure_ascii=False, indent=2) + "\n"


def load_schema() -> dict:
    """The committed schema file."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
