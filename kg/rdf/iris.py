"""The IRI policy: stable IRIs derived from canonical ids (see ontology/MODEL.md)."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from urllib.parse import quote

from kg.rdf.terms import RESOURCE

_SAFE = "-._~"


@lru_cache(maxsize=1 << 16)  # an entity, author or venue recurs in many papers
def entity_iri(entity_id: str) -> str:
    """`dataset/imagenet-1k` -> https://w3id.org/paper-kg/id/dataset/imagenet-1k"""
    kind, _, rest = entity_id.partition("/")
    return f"{RESOURCE}{quote(kind, safe=_SAFE)}/{quote(rest, safe=_SAFE + '+')}"


def paper_iri(paper_id: str) -> str:
    return f"{RESOURCE}paper/{quote(paper_id, safe=_SAFE)}"


def node_iri(node_id: str) -> str:
    """IRI of a graph node id (`paper:<id>`, an entity id, `author/<slug>`, `venue/<slug>`)."""
    if node_id.startswith("paper:"):
        return paper_iri(node_id[len("paper:"):])
    return entity_iri(node_id)


def digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def evidence_iri(paper_id: str, role: str, entity_id: str, field: str, start: int, end: int) -> str:
    return f"{RESOURCE}evidence/{digest(paper_id, role, entity_id, field, start, end)}"


def result_iri(paper_id: str, index: int) -> str:
    return f"{RESOURCE}result/{digest(paper_id, index)}"


def paper_id_of(iri: str) -> str | None:
    from urllib.parse import unquote

    prefix = f"{RESOURCE}paper/"
    return unquote(iri[len(prefix):]) if iri.startswith(prefix) else None


def entity_id_of(iri: str) -> str | None:
    from urllib.parse import unquote

    return unquote(iri[len(RESOURCE):]) if iri.startswith(RESOURCE) else None
