"""`wirelens serve`: the HTTP API and web interface over a store (`wirelens.api`).

Like `wirelens.cli`, this only parses arguments; the server is `wirelens.api.server`.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys

from wirelens.cli_options import add_model_option

EXIT_OK = 0


def add_web_commands(sub) -> None:
    from wirelens.api.server import DEFAULT_HOST, DEFAULT_PORT

    p = sub.add_parser(
        "serve",
        help="serve the store: JSON API under /api/ and a web interface",
        description="Start an HTTP server over the store: the web interface at /, a read-only "
        "JSON API under /api/ (documented at /docs, schema at /openapi.json) and POST "
        "/api/extract, which runs the pipeline on a posted article without storing it. Binds "
        f"to {DEFAULT_HOST} (this machine only) unless --host says otherwise. Ctrl-C stops it.",
    )
    p.add_argument(
        "--db", default="wirelens.db", metavar="FILE", help="the store (default wirelens.db)"
    )
    p.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}; 0.0.0.0 exposes the server, "
        "which has no authentication, to the network)",
    )
    p.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    add_model_option(p)
    p.add_argument(
        "--log-level",
        choices=("critical", "error", "warning", "info", "debug"),
        default="info",
        help="server log level (default info)",
    )
    p.set_defaults(func=cmd_serve)


def _port(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 0 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}")
    return n


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def cmd_serve(args: argparse.Namespace) -> int:
    from wirelens.api.server import serve

    if not _is_loopback(args.host):
        print(
            f"warning: listening on {args.host}: anyone who can reach it can read the store "
            "and run extractions (there is no authentication)",
            file=sys.stderr,
        )
    serve(args.db, args.host, args.port, model=args.model, log_level=args.log_level)
    return EXIT_OK
