"""Options shared by the query commands."""
from __future__ import annotations

import click

exports_option = click.option("--exports", default="exports", show_default=True, type=click.Path(file_okay=False),
                              help="The build to read (the folder kg build wrote).")
format_option = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                             show_default=True, help="Output format.")
show_query_option = click.option("--show-query", is_flag=True, help="Print the SPARQL query that answers it.")
