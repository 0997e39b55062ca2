"""Command-line options shared by several `wirelens` commands."""

from __future__ import annotations

import argparse

from wirelens.settings import DEFAULT_MAX_CHARS, DEFAULT_MODEL, SMALL_MODEL, Settings


def positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return n


def add_model_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model",
        choices=(DEFAULT_MODEL, SMALL_MODEL),
        default=DEFAULT_MODEL,
        help=f"spaCy model (default {DEFAULT_MODEL})",
    )


def add_size_options(
    p: argparse.ArgumentParser, batch_help: str = "records per spaCy batch"
) -> None:
    """`--max-size` and `--batch-size`, as `extract`, `ingest` and `run` take them."""
    p.add_argument(
        "--max-size",
        type=positive_int,
        default=DEFAULT_MAX_CHARS,
        metavar="CHARS",
        help=f"largest text per record, in characters (default {DEFAULT_MAX_CHARS:,}); "
        "HTML may be 4 times larger",
    )
    p.add_argument(
        "--batch-size",
        type=positive_int,
        default=Settings.batch_size,
        metavar="N",
        help=f"{batch_help} (default {Settings.batch_size})",
    )
