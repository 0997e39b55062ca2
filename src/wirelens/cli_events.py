"""`wirelens events`: search the political events (PLOVER) of the store."""

from __future__ import annotations

import argparse

from wirelens.cli_options import positive_int
from wirelens.store.base import EventQuery

TYPES = [
    *("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST"),
    *("ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
]
FLAGS = ("negated", "hypothetical", "future", "historical")


def add_event_commands(sub) -> None:
    from wirelens.cli_store import _db_option, _format_option

    p = sub.add_parser(
        "events",
        help="search political events (who did what to whom) in the store",
        description="PLOVER events matching every filter given, newest first: type, mode, "
        "actors and recipients (name and country), trigger, flags.",
    )
    p.add_argument("--type", type=str.upper, choices=TYPES, metavar="T", help=", ".join(TYPES))
    p.add_argument("--actor", metavar="X", help="a name, alias or ISO3 code of an actor")
    p.add_argument("--recipient", metavar="Y", help="a name, alias or ISO3 code of a recipient")
    p.add_argument("--country", metavar="ISO3", help="any participant acting for this country")
    p.add_argument("--since", metavar="DATE", help="published on or after (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="published on or before (YYYY-MM-DD)")
    p.add_argument("--flag", choices=FLAGS, help="only events with this flag")
    p.add_argument("--lang", metavar="L", help="article language")
    p.add_argument("--source", metavar="DOMAIN", help='site domain or suffix ("be")')
    p.add_argument(
        "--dedupe", action="store_true", help="an act repeated by copies of one story counts once"
    )
    p.add_argument("--limit", type=positive_int, default=50, metavar="N", help="default 50")
    _format_option(p)
    _db_option(p)
    p.set_defaults(func=cmd_events)


def _who(people: list[dict]) -> str:
    return "; ".join(f"{p['name']} ({p['country']})" if p["country"] else p["name"] for p in people)


def cmd_events(args: argparse.Namespace) -> int:
    from wirelens.cli_store import EXIT_OK, _open, _print_rows

    query = EventQuery(
        type=args.type,
        actor=args.actor,
        recipient=args.recipient,
        country=args.country,
        since=args.since,
        until=args.until,
        flag=args.flag,
        lang=args.lang,
        source=args.source,
        dedupe=args.dedupe,
        limit=args.limit,
    )
    with _open(args) as store:
        rows = store.events(query)
        total = store.count_events(query)
    if args.format == "table":
        for row in rows:
            row["actors"], row["recipients"] = _who(row["actor"]), _who(row["recipient"])
            row["flags"] = ",".join(row["flags"])
    elif args.format == "csv":
        for row in rows:
            row["actor"], row["recipient"] = _who(row["actor"]), _who(row["recipient"])
            row["flags"] = ",".join(row["flags"])
    _print_rows(
        rows,
        args.format,
        table=[
            ("published", 10),
            ("type", 9),
            ("actors", 28),
            ("recipients", 28),
            ("trigger", 30),
            ("flags", 10),
            ("article_id", 10),
        ],
        total=total,
    )
    return EXIT_OK
