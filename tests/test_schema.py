"""The committed JSON Schema is the one the model generates, and outputs validate against it."""

from __future__ import annotations

import jsonschema
import pytest

from wirelens.model import SCHEMA_VERSION, Article
from wirelens.schema import SCHEMA_PATH, generate_schema, load_schema, render_schema
from wirelens.schema.__main__ import main as schema_main


def test_committed_schema_is_up_to_date():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render_schema(), (
        "article.schema.json is stale: run `python -m wirelens.schema` and commit it"
    )
    assert schema_main(["--check"]) == 0


def test_schema_is_valid_draft_2020_12():
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(SCHEMA_VERSION)
    assert schema["schema_version"] == SCHEMA_VERSION
    assert schema["title"] and schema["additionalProperties"] is False
    assert set(schema["properties"]) == set(Article.model_fields)
    assert generate_schema() == schema


def test_every_field_documented(root):
    doc = (root / "docs" / "schema.md").read_text(encoding="utf-8")
    schema = load_schema()
    names = set(schema["properties"])
    for definition in schema["$defs"].values():
        names |= set(definition.get("properties", {}))
    missing = sorted(n for n in names if f"`{n}`" not in doc)
    assert not missing, f"docs/schema.md does not document: {missing}"


def full_article() -> dict:
    text = "Moscou (AFP) – « Nous visons à renforcer la coopération », a déclaré Poutine."
    q_start = text.index("Nous")
    q_end = text.index(" »")
    cue = text.index("a déclaré")
    who = text.index("Poutine")
    mention = {"text": "Poutine", "start": who, "end": who + 7, "kind": "partial_name"}
    return Article(
        id="x",
        source="x.txt",
        text=text,
        language={"code": "fr", "confidence": 0.99},
        dateline={
            "text": "Moscou (AFP) –",
            "start": 0,
            "end": 14,
            "place": "Moscou",
            "agency": "AFP",
        },
        agencies=["AFP"],
        removed=[{"text": "[ad_1]", "start": 0, "end": 6, "reason": "ad_slot"}],
        quotes=[
            {
                "text": text[q_start:q_end],
                "start": q_start,
                "end": q_end,
                "type": "direct",
                "cue": {"text": "a déclaré", "start": cue, "end": cue + 9, "lemma": "déclarer"},
                "speaker": {"name": "Vladimir Poutine", "entity": "e1", "mention": mention},
                "confidence": 0.9,
            }
        ],
        entities=[{"id": "e1", "name": "Vladimir Poutine", "type": "PER", "mentions": [mention]}],
        events=[
            {
                "type": "COOPERATE",
                "actor": [{"name": "Russie", "country": "RUS"}],
                "trigger": {"text": "renforcer", "start": 22, "end": 31},
                "sentence": {"text": text, "start": 0, "end": len(text)},
            }
        ],
        producer={"version": "0.1.0", "model": "fr_core_news_md-3.8.0"},
    ).to_dict()


def test_full_article_validates(validate):
    validate(full_article())


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda a: a.update(unknown=1), []),
        (lambda a: a.pop("text"), []),
        (lambda a: a["quotes"][0].update(type="rumour"), ["quotes", 0, "type"]),
        (lambda a: a["quotes"][0].update(start=-1), ["quotes", 0, "start"]),
        (lambda a: a["language"].update(confidence=2), ["language"]),  # inside anyOf
    ],
)
def test_invalid_articles_rejected(change, path):
    art = full_article()
    change(art)
    errors = list(jsonschema.Draft202012Validator(load_schema()).iter_errors(art))
    assert errors and list(errors[0].path) == path


def test_cli_outputs_validate(cli, examples, data_dir):
    """run_cli validates everything it parses; make sure it parsed something of each kind."""
    res = cli("extract", examples / "afp-putin-xi.fr.txt", data_dir / "article.fr.html", "--no-nlp")
    assert res.code == 0 and len(res.articles) == 2


def test_docs_example_validates(root, validate):
    import json
    import re

    doc = (root / "docs" / "schema.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```json\n(.*?)```", doc, flags=re.S)
    example = validate(json.loads(block))
    for q in example["quotes"]:
        for span in (q, q["cue"], q["speaker"]["mention"]):
            assert span["end"] - span["start"] == len(span["text"])


def test_ci_runs_the_readme_command(root):
    """README starts with the two set-up commands; .ci/run runs the second one verbatim."""
    import re

    readme = (root / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)
    first, second = blocks[:2]
    assert readme.index(first) < readme.index("## ")  # before any section
    assert first.endswith("wirelens extract examples/afp-putin-xi.fr.txt")
    ci = (root / ".ci" / "run").read_text(encoding="utf-8")
    assert second in ci.splitlines()
