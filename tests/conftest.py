"""Shared fixtures: paths, the CLI run in-process, JSON Schema validation, no network."""

from __future__ import annotations

import io
import json
import socket
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
SCHEMA_FILE = ROOT / "src" / "wirelens" / "schema" / "article.schema.json"

_VALIDATOR = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def validate_article(obj: dict) -> dict:
    """Fail the test if `obj` does not match the committed Article JSON Schema."""
    errors = sorted(_VALIDATOR.iter_errors(obj), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors)
    return obj


def parse_output(text: str) -> list[dict]:
    """Articles from `wirelens extract` output (one JSON object, a JSON array or JSON Lines)."""
    stripped = text.strip()
    if not stripped:
        return []
    if stripped.startswith("[") or "\n" not in stripped or stripped.startswith("{\n"):
        data = json.loads(stripped)
        items = data if isinstance(data, list) else [data]
    else:
        items = [json.loads(line) for line in stripped.splitlines()]
    return [validate_article(item) for item in items]


@dataclass
class CliResult:
    code: int
    out: str
    err: str
    articles: list[dict] = field(default_factory=list)

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()

    @property
    def errors(self) -> list[str]:
        return [line for line in self.err_lines if line.startswith("error: ")]


def run_cli(*args: str, stdin: bytes | None = None, articles: bool = True) -> CliResult:
    """Run `wirelens ARGS` in this process; stdout is parsed and every article validated
    (`articles=False`: stdout is not articles, e.g. query output)."""
    from wirelens.cli import main

    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main([str(a) for a in args])
    finally:
        sys.stdin = old_stdin
    result = CliResult(code, out.getvalue(), err.getvalue())
    if articles and result.out.lstrip().startswith(("{", "[")):
        result.articles = parse_output(result.out)
    return result


@pytest.fixture
def cli():
    """`cli("extract", path, "--no-nlp")` → CliResult(code, out, err, articles)."""
    return run_cli


@pytest.fixture
def cli_plain():
    """Like `cli`, for commands whose output is not articles (store queries)."""
    return lambda *args, stdin=None: run_cli(*args, stdin=stdin, articles=False)


@pytest.fixture
def validate():
    return validate_article


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Nothing in wirelens may reach the network: any attempt fails the test loudly."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
