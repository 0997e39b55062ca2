"""Command line: `wirelens extract PATH...`, `wirelens eval GOLD TEXTS` (one function each);
the store commands (`ingest`, `quotes`, `actors`, `show`, `stats`, `errors`, `export`) are
in `wirelens.cli_store`.

This module only parses arguments, calls the library and writes results; the work is in
`wirelens.ingest` and `wirelens.pipeline`. Exit codes: 0 all records succeeded, 1 some (or all)
records failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import TextIO

from wirelens import __version__
from wirelens.cli_options import add_model_option, add_size_options
from wirelens.errors import RecordError, WirelensError
from wirelens.ingest import Record
from wirelens.model import SCHEMA_VERSION, Article
from wirelens.settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
VERSION = f"wirelens {__version__} (schema {SCHEMA_VERSION})"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wirelens",
        description="News intelligence: clean text, metadata and who-said-what-to-whom "
        "from raw French and English news.",
    )
    parser.add_argument("--version", action="version", version=VERSION)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_extract(sub)
    _add_eval(sub)
    from wirelens.cli_store import add_store_commands

    add_store_commands(sub)
    from wirelens.cli_events import add_event_commands

    add_event_commands(sub)
    from wirelens.cli_web import add_web_commands

    add_web_commands(sub)
    from wirelens.cli_run import add_run_command

    add_run_command(sub)
    return parser


# -- extract --------------------------------------------------------------------------------


def _add_extract(sub) -> None:
    p = sub.add_parser(
        "extract",
        help="extract articles (text, metadata, quotes) from files, folders or stdin",
        description="Extract one article per .txt/.html file, JSONL line or WARC HTML response. "
        "Writes JSON for a single article, JSON Lines otherwise; errors go to stderr, one line "
        "each, and the other records are still written. Exit code: 0 all succeeded, 1 some "
        "records failed, 2 usage error.",
    )
    p.add_argument("--version", action="version", version=VERSION)
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a .txt, .html/.htm, .jsonl[.gz] or .warc[.gz] file, a folder (every supported "
        "file below it, sorted), or - for stdin (format sniffed)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument(
        "--format",
        choices=("json", "jsonl"),
        help="json: one object (an array if several articles); jsonl: one article per line. "
        "Default: json for exactly one article from a single non-JSONL input, else jsonl",
    )
    add_model_option(p)
    add_size_options(p)
    p.add_argument(
        "--no-nlp",
        action="store_true",
        help="clean text and metadata only (no spaCy: no entities, no quotes)",
    )
    p.set_defaults(func=cmd_extract)


def cmd_extract(args: argparse.Namespace) -> int:
    from wirelens.ingest.readers import read_paths
    from wirelens.pipeline import process_records

    settings = Settings(
        model=args.model, max_chars=args.max_size, batch_size=args.batch_size, nlp=not args.no_nlp
    )
    with ExitStack() as stack:
        try:
            out = stack.enter_context(_output(args.output))
        except OSError as exc:
            print(f"error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_USAGE
        kinds: set[str] = set()
        records = _note_kinds(read_paths(args.paths, settings.max_chars), kinds)
        results = process_records(records, settings)

        fmt = args.format
        head: list[Article | RecordError] = []
        if fmt is None:
            # Look ahead until a second article shows up (or the input ends).
            for res in results:
                head.append(res)
                if sum(isinstance(r, Article) for r in head) > 1:
                    break
            n_articles = sum(isinstance(r, Article) for r in head)
            single = len(args.paths) == 1 and "jsonl" not in kinds and not _is_dir(args.paths[0])
            fmt = "json" if single and n_articles == 1 else "jsonl"
        ok, failed = _write(_chain(head, results), out, fmt)
    print(f"{ok} article{'' if ok == 1 else 's'}, {failed} failed", file=sys.stderr)
    return EXIT_OK if failed == 0 else EXIT_FAILED


def _note_kinds(records: Iterable[Record | RecordError], kinds: set[str]) -> Iterator:
    """Pass records through, noting whether any came from JSONL (it decides the default format)."""
    for rec in records:
        if isinstance(rec, Record) and _from_jsonl(rec.source):
            kinds.add("jsonl")
        yield rec


def _from_jsonl(source: str) -> bool:
    name, _, line = source.rpartition(":")
    return line.isdigit() and (name == "<stdin>" or name.lower().endswith((".jsonl", ".jsonl.gz")))


def _is_dir(path: str) -> bool:
    from pathlib import Path

    return path != "-" and Path(path).is_dir()


def _chain(head: list, rest: Iterable) -> Iterator:
    yield from head
    yield from rest


def _write(results: Iterable[Article | RecordError], out: TextIO, fmt: str) -> tuple[int, int]:
    """Write articles as they come, report errors at once; return (articles, failures)."""
    ok = failed = 0
    pending: Article | None = None  # json: an object when alone, an array when several
    for res in results:
        if isinstance(res, RecordError):
            failed += 1
            print(res.one_line(), file=sys.stderr)
            continue
        ok += 1
        if fmt == "jsonl":
            out.write(_dumps(res) + "\n")
            out.flush()
        elif ok == 1:
            pending = res
        else:
            if ok == 2:
                out.write("[\n" + _dumps(pending, indent=2))
            out.write(",\n" + _dumps(res, indent=2))
    if fmt == "json":
        if ok == 1:
            out.write(_dumps(pending, indent=2) + "\n")
        elif ok > 1:
            out.write("\n]\n")
    return ok, failed


def _dumps(article: Article, indent: int | None = None) -> str:
    return json.dumps(article.to_dict(), ensure_ascii=False, indent=indent)


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    if path and path != "-":
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
        return
    out = sys.stdout
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("_", "-")
    if encoding in ("utf-8", "utf8") or not hasattr(out, "buffer"):
        yield out
        return
    # A non-UTF-8 terminal or pipe: still write UTF-8 (the output is JSON).
    out.flush()
    wrapper = io.TextIOWrapper(out.buffer, encoding="utf-8", newline="\n", write_through=True)
    try:
        yield wrapper
    finally:
        wrapper.flush()
        wrapper.detach()


# -- eval -----------------------------------------------------------------------------------


def _add_eval(sub) -> None:
    p = sub.add_parser(
        "eval",
        help="score quotations against a gold set",
        description="Run the pipeline over TEXTS and score its quotations against GOLD: strict "
        "(span IoU >= 0.5) and lenient (>= 30%% of the gold span covered) P/R/F1, speaker "
        "accuracy (also by mention kind), type accuracy; the end-to-end F1 (quote found and "
        "speaker right, strict) is printed last.",
    )
    p.add_argument(
        "gold",
        metavar="GOLD",
        help='gold quotations: JSONL {"id","quotes":[...]}, one JSON object, or a folder of '
        "*.json files",
    )
    p.add_argument(
        "texts",
        metavar="TEXTS",
        help='the source texts: JSONL {"id","text"}, or a .txt file for a single-article gold',
    )
    add_model_option(p)
    p.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print the first N errors (strict)"
    )
    p.add_argument(
        "--pred-out",
        metavar="FILE",
        help="write the predictions here (JSONL, the shared scorer's format)",
    )
    p.set_defaults(func=cmd_eval)


def cmd_eval(args: argparse.Namespace) -> int:
    from wirelens.evaluate import load_records, load_texts, predict, report, score

    try:
        gold = load_records(args.gold)
        texts = load_texts(args.texts, gold)
        langs = {}
        if not args.texts.lower().endswith(".txt"):
            langs = {k: v.get("lang") for k, v in load_records(args.texts).items()}
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: cannot read the gold or texts: {exc}", file=sys.stderr)
        return EXIT_USAGE
    missing = sorted(set(gold) - set(texts))
    if missing:
        print(f"warning: {len(missing)} gold records have no text: {missing[:5]}", file=sys.stderr)
    failures: list[RecordError] = []
    pred = predict(
        {k: texts[k] for k in gold if k in texts}, Settings(model=args.model), langs, failures
    )
    for err in failures:
        print(err.one_line(), file=sys.stderr)
    if failures:
        print(f"warning: {len(failures)} records failed and count as missed", file=sys.stderr)
    if args.pred_out:
        try:
            with open(args.pred_out, "w", encoding="utf-8", newline="\n") as fh:
                for rec in pred.values():
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        except OSError as exc:
            print(f"error: cannot write {args.pred_out}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_USAGE
    for line in report(score(gold, pred, texts), args.errors):
        print(line)
    return EXIT_OK


# -- entry point ----------------------------------------------------------------------------


def _quiet_libraries() -> None:
    """trafilatura/htmldate log page-level warnings; our one-line errors say what matters."""
    for name in ("trafilatura", "htmldate", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help/--version (0) or a usage error (2)
        if exc.code is None:
            return EXIT_OK
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    _quiet_libraries()
    try:
        return func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `wirelens extract … | head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    except WirelensError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
