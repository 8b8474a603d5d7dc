"""Content negotiation: the result format an Accept header (q-values honoured) or a `format`
parameter picks among those a query form offers; None when it allows none of them (a 406)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    key: str
    content_type: str
    media: tuple[str, ...]  # the media types that ask for it, its own first
    names: tuple[str, ...]  # the `format=` values that ask for it


JSON = Format("json", "application/sparql-results+json", ("application/sparql-results+json", "application/json"),
              ("json",))
XML = Format("xml", "application/sparql-results+xml", ("application/sparql-results+xml", "application/xml"),
             ("xml",))
CSV = Format("csv", "text/csv; charset=utf-8", ("text/csv",), ("csv",))
TSV = Format("tsv", "text/tab-separated-values; charset=utf-8", ("text/tab-separated-values",), ("tsv",))
TURTLE = Format("turtle", "text/turtle; charset=utf-8", ("text/turtle", "application/x-turtle", "application/turtle"),
                ("turtle", "ttl"))
NTRIPLES = Format("ntriples", "application/n-triples", ("application/n-triples",), ("ntriples", "nt"))
RDFXML = Format("rdfxml", "application/rdf+xml", ("application/rdf+xml", "application/xml"), ("rdfxml", "rdf", "xml"))
JSONLD = Format("jsonld", "application/ld+json", ("application/ld+json", "application/json"), ("jsonld", "json-ld"))

# what each query form offers, its default first (what */* or no Accept gets)
SOLUTIONS = (JSON, XML, CSV, TSV)
BOOLEAN = (JSON, XML)
GRAPH = (TURTLE, NTRIPLES, RDFXML, JSONLD)


def parse_accept(header: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q-values (1 unless given; a bad one is 0)."""
    ranges = []
    for part in header.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def _quality(fmt: Format, ranges: list[tuple[str, float]]) -> tuple[float, int]:
    """The q-value the most specific matching range gives `fmt`, and that range's place (lower: listed earlier)."""
    best = (-1, 0.0, 0)
    for place, (media, q) in enumerate(ranges):
        for own in fmt.media:
            specific = 2 if media == own else 1 if media == own.split("/")[0] + "/*" else 0 if media == "*/*" else -1
            if specific >= 0 and (specific, q) > best[:2]:
                best = (specific, q, place)
    return (best[1], best[2]) if best[0] >= 0 else (0.0, 0)


def choose(offered: tuple[Format, ...], accept: str = "", name: str = "") -> Format | None:
    """The format to answer in: the `format` parameter's if it names one offered, else the Accept
    header's best (highest q; then the range listed first; then the form's default order)."""
    for fmt in offered:
        if name and (name.lower() in fmt.names or name.lower() in fmt.media):
            return fmt
    ranges = parse_accept(accept) or [("*/*", 1.0)]
    scored = [(-q, place, i) for i, (q, place) in enumerate(_quality(fmt, ranges) for fmt in offered) if q > 0]
    return offered[min(scored)[2]] if scored else None


def not_acceptable(offered: tuple[Format, ...]) -> str:
    """The one-line body of a 406."""
    return ("Not acceptable: this query's results come as " + ", ".join(f.media[0] for f in offered)
            + " (ask with an Accept header or format=).")
