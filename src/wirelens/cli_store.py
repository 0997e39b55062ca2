"""Store commands: `ingest`, `quotes`, `actors`, `show`, `stats`, `errors`, `export`.

Like `wirelens.cli`, this only parses arguments and prints; the work is in `wirelens.store`.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Iterable

from wirelens.cli_options import add_model_option, add_size_options, positive_int
from wirelens.settings import Settings
from wirelens.store.base import QuoteQuery
from wirelens.store.sqlite import DEFAULT_COPY_THRESHOLD

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db", default="wirelens.db", metavar="FILE", help="the store (default wirelens.db)"
    )


def _open(args: argparse.Namespace, readonly: bool = True):
    from wirelens.store import open_store

    threshold = getattr(args, "copy_threshold", DEFAULT_COPY_THRESHOLD)
    return open_store(args.db, readonly=readonly, copy_threshold=threshold)


def add_store_commands(sub) -> None:
    _add_ingest(sub, add_model_option, positive_int)
    _add_quotes(sub, positive_int)
    _add_actors(sub, positive_int)
    _add_show(sub)
    _add_stats(sub)
    _add_errors(sub)
    _add_export(sub)
    _add_stories(sub, positive_int)


# -- ingest ---------------------------------------------------------------------------------


def _add_ingest(sub, add_model_option, positive_int) -> None:
    from wirelens.store.ingest import default_workers

    p = sub.add_parser(
        "ingest",
        help="run the pipeline over inputs into the store",
        description="Extract every article of the inputs (the formats of `wirelens extract`) "
        "into the store. Articles already stored are skipped (each has a content hash), so "
        "running the same ingest again adds nothing and an interrupted ingest resumes. A record "
        "that fails is stored as an error with its reason (see `wirelens errors`) and the rest "
        "go on. Exit code: 0 all succeeded, 1 some records failed, 130 interrupted.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, folders or - for stdin")
    p.add_argument(
        "--from-parquet",
        metavar="DIR",
        help="load the output of `wirelens run` (Parquet datasets) instead of running the "
        "pipeline over PATHs",
    )
    _db_option(p)
    p.add_argument(
        "--workers",
        type=positive_int,
        default=None,
        metavar="N",
        help=f"worker processes (default: all cores, {default_workers()} here)",
    )
    add_model_option(p)
    add_size_options(
        p,
        "records per unit of work: one spaCy batch in a worker, written in one transaction",
    )
    p.add_argument(
        "--copy-threshold",
        type=_share,
        default=DEFAULT_COPY_THRESHOLD,
        metavar="X",
        help="two articles are copies of one story when this share of the shorter one is "
        f"found in the other (estimated on word 5-grams; default {DEFAULT_COPY_THRESHOLD})",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar or progress lines")
    p.set_defaults(func=cmd_ingest)


def _share(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 < x <= 1:
        raise argparse.ArgumentTypeError(f"must be in (0, 1]: {value!r}")
    return x


def _stop_on_sigterm() -> None:
    """A killed ingest (SIGTERM) stops like Ctrl-C: the run is marked interrupted."""

    def handler(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def cmd_ingest(args: argparse.Namespace) -> int:
    from wirelens.store.ingest import ingest

    settings = Settings(model=args.model, max_chars=args.max_size)
    if bool(args.paths) == bool(args.from_parquet):
        print("error: give PATHs or --from-parquet DIR (one of the two)", file=sys.stderr)
        return EXIT_USAGE
    if args.from_parquet:
        from wirelens.scale.load import NotARunOutput, completed_parts

        try:
            completed_parts(args.from_parquet)
        except NotARunOutput as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
    _stop_on_sigterm()
    with _open(args, readonly=False) as store:
        report = None
        try:
            if args.from_parquet:
                from wirelens.scale.load import load_parquet

                report = load_parquet(
                    args.from_parquet,
                    store,
                    progress=not args.quiet,
                    on_error=lambda e: print(f"error: {e.record}: {e.reason}", file=sys.stderr),
                )
            else:
                report = ingest(
                    args.paths,
                    store,
                    settings,
                    workers=args.workers,
                    chunk_size=args.batch_size,
                    progress=not args.quiet,
                    on_error=lambda e: print(f"error: {e.record}: {e.reason}", file=sys.stderr),
                )
        except KeyboardInterrupt:
            run = store.runs()[-1]
            print(
                f"interrupted: {run['articles']:,} articles stored by this run; run the same "
                "`wirelens ingest` again to resume",
                file=sys.stderr,
            )
            return EXIT_INTERRUPTED
    print(
        f"{report.added:,} articles stored, {report.skipped:,} already stored, "
        f"{report.failed:,} failed in {report.seconds:.1f} s ({args.db}, run {report.run_id})",
        file=sys.stderr,
    )
    return EXIT_OK if report.failed == 0 else EXIT_FAILED


# -- queries --------------------------------------------------------------------------------


def _format_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format", choices=("table", "jsonl", "csv"), default="table", help="default table"
    )


def _quote_filters(p: argparse.ArgumentParser, positive_int) -> None:
    p.add_argument("--speaker", metavar="NAME", help="a name or alias of the speaker")
    p.add_argument("--about", metavar="TEXT", help="words that must all be in the quotation")
    p.add_argument("--to", metavar="NAME", help="a name or alias of the addressee")
    p.add_argument("--since", metavar="DATE", help="published on or after (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="published on or before (YYYY-MM-DD)")
    p.add_argument("--lang", metavar="L", help="article language (fr, en)")
    p.add_argument("--source", metavar="DOMAIN", help='site domain ("lesoir.be") or suffix ("be")')
    p.add_argument("--story", type=int, metavar="ID", help="only quotations of this story")
    p.add_argument(
        "--dedupe",
        action="store_true",
        help="a quotation repeated by copies of one story counts once (with its copies)",
    )


def _quote_query(args: argparse.Namespace, limit: int | None) -> QuoteQuery:
    return QuoteQuery(
        speaker=args.speaker,
        about=args.about,
        to=args.to,
        since=args.since,
        until=args.until,
        lang=args.lang,
        source=args.source,
        story=args.story,
        dedupe=args.dedupe,
        limit=limit,
    )


def _add_quotes(sub, positive_int) -> None:
    p = sub.add_parser(
        "quotes",
        help="search quotations in the store",
        description="Quotations matching every filter given, newest first.",
    )
    _quote_filters(p, positive_int)
    p.add_argument("--limit", type=positive_int, default=50, metavar="N", help="default 50")
    _format_option(p)
    _db_option(p)
    p.set_defaults(func=cmd_quotes)


def cmd_quotes(args: argparse.Namespace) -> int:
    with _open(args) as store:
        query = _quote_query(args, args.limit)
        rows = store.quotes(query)
        total = store.count_quotes(query)
    columns = [("published", 10), ("speaker", 22), ("type", 8), ("text", 70), ("addressee", 16)]
    columns += [("copies", 6)] if args.dedupe else [("article_id", 10)]
    _print_rows(rows, args.format, table=columns, total=total)
    return EXIT_OK


def _add_actors(sub, positive_int) -> None:
    p = sub.add_parser(
        "actors",
        help="actors of the store, most quoted first",
        description="Canonical actors (one id per person or organisation across articles), "
        "with their quotation, article and addressed counts and main aliases.",
    )
    p.add_argument("--top", type=positive_int, default=50, metavar="N", help="default 50")
    p.add_argument("--name", metavar="NAME", help="only actors this name or alias may mean")
    _format_option(p)
    _db_option(p)
    p.set_defaults(func=cmd_actors)


def cmd_actors(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = store.actors(args.top, name=args.name)
    for row in rows:
        row["aliases"] = "; ".join(row["aliases"])
    _print_rows(
        rows,
        args.format,
        table=[
            ("id", 28),
            ("name", 24),
            ("type", 4),
            ("country", 7),
            ("quotes", 6),
            ("articles", 8),
            ("addressed", 9),
            ("aliases", 40),
        ],
    )
    return EXIT_OK


def _add_show(sub) -> None:
    p = sub.add_parser(
        "show",
        help="one stored article with its quotations",
        description="An article by store id, content-hash prefix (6+ hex digits) or record id.",
    )
    p.add_argument("ref", metavar="ARTICLE_ID")
    p.add_argument("--json", action="store_true", help="the stored record as JSON")
    _db_option(p)
    p.set_defaults(func=cmd_show)


def cmd_show(args: argparse.Namespace) -> int:
    with _open(args) as store:
        art = store.article(args.ref)
    if art is None:
        print(f"error: no article {args.ref!r} in {args.db}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(json.dumps(art, ensure_ascii=False, indent=2))
        return EXIT_OK
    doc = art["article"]
    lines = [
        f"article {art['id']}  hash {art['hash'][:12]}  record {art['record_id'] or '-'}",
        f"title:     {art['title'] or '-'}",
        f"published: {art['published'] or '-'}   language: {art['lang'] or '-'}   "
        f"source: {art['domain'] or art['source'] or '-'}",
    ]
    if art["agencies"]:
        lines.append(f"agencies:  {', '.join(art['agencies'])}")
    if art.get("story_id") is not None:
        lines.append(f"story:     {art['story_id']} (wirelens story {art['story_id']})")
    if doc.get("url"):
        lines.append(f"url:       {doc['url']}")
    lines += ["", doc["text"].strip(), "", f"{len(art['quotes'])} quotations:"]
    for q in art["quotes"]:
        who = q["speaker"] or "?"
        if q["speaker_actor"]:
            who += f" [{q['speaker_actor']}]"
        to = f" → {q['addressee']}" if q["addressee"] else ""
        lines.append(f"  {q['n'] + 1:>2}. {who}{to} ({q['type']}, {q['cue'] or '-'}): {q['text']}")
    print("\n".join(lines))
    return EXIT_OK


def _add_stats(sub) -> None:
    p = sub.add_parser("stats", help="figures of the store", description="Corpus figures.")
    p.add_argument("--json", action="store_true", help="as JSON")
    _db_option(p)
    p.set_defaults(func=cmd_stats)


def cmd_stats(args: argparse.Namespace) -> int:
    with _open(args) as store:
        stats = store.stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return EXIT_OK
    lines = [f"{stats['store']} (schema {stats['schema_version']})"]
    for key in ("articles", "quotes", "actors", "speakers", "errors", "runs"):
        lines.append(f"{key + ':':<10} {stats[key]:,}")
    lines.append(
        f"{'stories:':<10} {stats['stories']:,} ({stats['syndicated_stories']:,} with copies); "
        f"{stats['quotes_deduplicated']:,} quotes counted once per story"
    )
    types = ", ".join(f"{k} {v:,}" for k, v in stats["event_types"].items())
    lines.append(f"{'events:':<10} {stats['events']:,}" + (f" ({types})" if types else ""))
    span = stats["published"]
    lines.append(f"{'published:':<10} {span['first'] or '-'} .. {span['last'] or '-'}")
    for key in ("languages", "sources", "quote_types"):
        items = ", ".join(f"{k} {v:,}" for k, v in stats[key].items())
        lines.append(f"{key.replace('_', ' ') + ':':<10} {items or '-'}")
    top = ", ".join(f"{s['name']} {s['quotes']}" for s in stats["top_speakers"])
    lines.append(f"{'speakers:':<10} {top or '-'}")
    print("\n".join(lines))
    return EXIT_OK


def _add_errors(sub) -> None:
    p = sub.add_parser(
        "errors",
        help="records that failed, with their reason",
        description="Every record stored as an error, one line each: RECORD: REASON.",
    )
    p.add_argument("--run", type=int, metavar="N", help="only this ingest run")
    _db_option(p)
    p.set_defaults(func=cmd_errors)


def cmd_errors(args: argparse.Namespace) -> int:
    with _open(args) as store:
        for err in store.errors(args.run):
            print(f"{err['record']}: {err['reason']}")
    return EXIT_OK


def _add_export(sub) -> None:
    from wirelens.store.export import FORMATS

    p = sub.add_parser(
        "export",
        help="export articles or quotations to JSONL, CSV or Parquet",
        description="Write every stored article (full JSON in JSONL, flat columns in CSV and "
        "Parquet) or the quotations matching the filters (flat) to FILE.",
    )
    p.add_argument("what", choices=("articles", "quotes"))
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--format", choices=FORMATS, help="default: from the file extension")
    _quote_filters(p, None)
    _db_option(p)
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from wirelens.store.export import export_articles, export_quotes

    with _open(args) as store:
        if args.what == "articles":
            n = export_articles(store, args.output, args.format)
        else:
            n = export_quotes(store, args.output, args.format, _quote_query(args, None))
    print(f"{n:,} {args.what} written to {args.output}", file=sys.stderr)
    return EXIT_OK


# -- stories --------------------------------------------------------------------------------


def _add_stories(sub, positive_int) -> None:
    p = sub.add_parser(
        "stories",
        help="stories: copies of one dispatch grouped across sites",
        description="Stories of the store, largest first: copies and close rewrites of one "
        "dispatch (near-duplicates on word 5-grams), with their representative (earliest "
        "published, agency-credited first), sources and cross-language links.",
    )
    p.add_argument("--since", metavar="DATE", help="last published on or after (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="first published on or before (YYYY-MM-DD)")
    p.add_argument(
        "--min-size", type=positive_int, default=1, metavar="N", help="at least N articles"
    )
    p.add_argument("--limit", type=positive_int, default=50, metavar="N", help="default 50")
    _format_option(p)
    _db_option(p)
    p.set_defaults(func=cmd_stories)

    p = sub.add_parser(
        "story",
        help="one story: its articles and translations",
        description="The articles of a story, oldest first, with their similarity to the "
        "other copies, and the articles in other languages linked to it.",
    )
    p.add_argument("story_id", type=int, metavar="STORY_ID")
    p.add_argument("--json", action="store_true", help="as JSON")
    _db_option(p)
    p.set_defaults(func=cmd_story)


def cmd_stories(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = store.stories(args.since, args.until, args.min_size, args.limit)
    _print_rows(
        rows,
        args.format,
        table=[
            ("id", 6),
            ("size", 4),
            ("sources", 7),
            ("first_published", 19),
            ("last_published", 19),
            ("translations", 12),
            ("title", 60),
        ],
    )
    return EXIT_OK


def cmd_story(args: argparse.Namespace) -> int:
    with _open(args) as store:
        story = store.story(args.story_id)
    if story is None:
        print(f"error: no story {args.story_id} in {args.db}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(json.dumps(story, ensure_ascii=False, indent=2))
        return EXIT_OK
    lines = [
        f"story {story['id']}: {story['size']} articles, {story['first_published'] or '-'} .. "
        f"{story['last_published'] or '-'}, {story['quotes']} quotations counted once",
    ]
    for m in story["members"]:
        mark = "*" if m["id"] == story["representative"] else " "
        sim = f"{m['similarity']:.2f}" if m["similarity"] is not None else "  - "
        lines.append(
            f" {mark} {m['id']:>6}  {m['published'] or '-':<19}  {sim}  "
            f"{m['domain'] or m['record_id'] or '-':<24}  {m['title'] or ''}"
        )
    for t in story["translations"]:
        lines.append(
            f"   translation ({t['lang']}, facts {t['score']:.2f}): article {t['article_id']} "
            f"of story {t['story_id']}  {t['title'] or ''}"
        )
    print("\n".join(lines))
    return EXIT_OK


# -- output ---------------------------------------------------------------------------------


def _print_rows(
    rows: list[dict], fmt: str, table: list[tuple[str, int]], total: int | None = None
) -> None:
    out = sys.stdout
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        from wirelens.store.export import write_csv

        write_csv(rows, rows[0].keys() if rows else [c for c, _ in table], out)
    else:
        out.write(_table(rows, table))
        out.flush()
        of = f" of {total:,}" if total is not None and total != len(rows) else ""
        print(f"{len(rows)} row{'' if len(rows) == 1 else 's'}{of}", file=sys.stderr)


def _cell(value, width: int) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(rows: Iterable[dict], columns: list[tuple[str, int]]) -> str:
    lines = ["  ".join(f"{name:<{w}}" for name, w in columns).rstrip()]
    lines.append("  ".join("-" * w for _, w in columns))
    for row in rows:
        lines.append("  ".join(f"{_cell(row.get(c), w):<{w}}" for c, w in columns).rstrip())
    return "\n".join(lines) + "\n"
