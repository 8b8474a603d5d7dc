"""`kg serve [--exports DIR] [--host H] [--port P] [--timeout S] [--limit N] [--workers N] [--allow-update]`."""
from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import exports_option


@click.command("serve")
@exports_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (default: this machine only).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535))
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Seconds a query may run before it is cancelled.")
@click.option("--limit", default=10_000, show_default=True, type=click.IntRange(1),
              help="Most rows a result returns (X-KG-Truncated: true marks a cut one).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Query processes (queries beyond these wait); one with --allow-update, "
              "as only one process can write to the store.")
@click.option("--allow-update", is_flag=True, help="Accept SPARQL updates (refused by default).")
def command(exports: str, host: str, port: int, timeout: float, limit: int, workers: int, allow_update: bool) -> int:
    """Serve a SPARQL 1.1 Protocol endpoint over the build's store at /sparql, and its HTML views at /."""
    from kg.serve import ServeOptions, make_server
    from kg.serve.server import exposure_warning

    options = ServeOptions(Path(exports), host, port, timeout, limit, workers, allow_update)
    server = make_server(options)
    warning = exposure_warning(options)
    if warning:
        click.echo(f"kg: warning: {warning}", err=True)
    bound_port = server.server_address[1]
    click.echo(f"kg serve: SPARQL at http://{host}:{bound_port}/sparql, views at http://{host}:{bound_port}/ "
               f"({'read-write' if allow_update else 'read-only'}, timeout {timeout:g} s, at most {limit:,} rows). "
               "Ctrl-C stops.", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
