"""`wirelens run INPUT... --output DIR [--engine local|dask|spark]`: the pipeline over many
inputs on a local pool, a Dask cluster or Spark, into partitioned Parquet datasets.

Only argument parsing and printing; the work is in `wirelens.scale`. Exit codes: 0 every record
succeeded, 1 some records or partitions failed, 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import signal
import sys

from wirelens.cli_options import add_model_option, add_size_options, positive_int
from wirelens.settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def add_run_command(sub) -> None:
    from wirelens.scale.engines import ENGINES, default_workers
    from wirelens.scale.plan import DEFAULT_PARTITION_SIZE

    p = sub.add_parser(
        "run",
        help="process many inputs on Dask, Spark or locally into Parquet datasets",
        description="Read the inputs (JSONL, JSONL.gz, WARC, folders, glob patterns), split them "
        "into partitions that the workers read from shared storage, run the pipeline on the "
        "chosen engine and write Parquet datasets (articles, quotes, entities, mentions, events, "
        "errors) and manifest.json in DIR. Running it again over the same DIR skips completed "
        "partitions (an interrupted run resumes). Load the result into a store with "
        "`wirelens ingest --from-parquet DIR`. See docs/scale.md.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or glob patterns")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="the output folder")
    p.add_argument(
        "--engine", choices=ENGINES, default="local", help="where to run (default local)"
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="an existing cluster: a Dask scheduler (tcp://host:8786) or a Spark master "
        "(spark://host:7077, yarn, k8s://...); default: start one on this machine",
    )
    p.add_argument(
        "--workers",
        type=positive_int,
        metavar="N",
        help=f"worker processes of a local pool or cluster (default: all cores, "
        f"{default_workers()} here)",
    )
    size = p.add_mutually_exclusive_group()
    size.add_argument(
        "--partitions", type=positive_int, metavar="N", help="split the inputs into about N"
    )
    size.add_argument(
        "--partition-size",
        type=positive_int,
        metavar="RECORDS",
        help=f"records per partition (default {DEFAULT_PARTITION_SIZE})",
    )
    add_model_option(p)
    p.add_argument("--no-nlp", action="store_true", help="clean text and metadata only")
    add_size_options(p)
    p.add_argument(
        "--retries",
        type=int,
        default=2,
        metavar="N",
        help="times a failed partition is tried again (default 2)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar or progress lines")
    p.set_defaults(func=cmd_run)


def cmd_run(args: argparse.Namespace) -> int:
    from wirelens.scale import PlanMismatch, run
    from wirelens.scale.engines import EngineUnavailable

    settings = Settings(
        model=args.model, max_chars=args.max_size, batch_size=args.batch_size, nlp=not args.no_nlp
    )
    if args.scheduler and args.engine == "local":
        print("error: --scheduler needs --engine dask or --engine spark", file=sys.stderr)
        return EXIT_USAGE

    def on_sigterm(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_sigterm)
    try:
        report = run(
            args.inputs,
            args.output,
            settings,
            engine=args.engine,
            workers=args.workers,
            scheduler=args.scheduler,
            partitions=args.partitions,
            partition_size=args.partition_size,
            retries=max(0, args.retries),
            progress=not args.quiet,
        )
    except (PlanMismatch, EngineUnavailable, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(
            f"interrupted: completed partitions are kept in {args.output}; run the same "
            "`wirelens run` again to resume",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    c = report.counts
    print(
        f"{c.get('articles', 0):,} articles, {c.get('quotes', 0):,} quotes, "
        f"{c.get('errors', 0):,} errors in {report.partitions:,} partitions "
        f"({report.processed:,} run, {report.skipped:,} already done"
        + (f", {len(report.failed):,} failed" if report.failed else "")
        + f") in {report.timings.get('total_s', 0):.1f} s → {args.output}/manifest.json",
        file=sys.stderr,
    )
    if report.failed:
        print("some partitions failed: run the same command again to retry them", file=sys.stderr)
    return EXIT_OK if not report.failed and not c.get("errors") else EXIT_FAILED
