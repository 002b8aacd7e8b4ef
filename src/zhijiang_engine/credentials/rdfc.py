"""RDF Dataset Canonicalization (RDFC-1.0) of JSON-LD credentials, for ``eddsa-rdfc-2022``.

PyLD (Digital Bazaar's JSON-LD processor) turns the document into an RDF dataset and
canonicalizes it (its ``URDNA2015`` is RDFC-1.0 under its former name). Contexts come only from
a :class:`ContextLibrary` of bundled files: any other context URL is refused, so verifying a
credential never touches the network, and a context cannot change between signing and
verifying. Terms the contexts do not define are refused too, rather than silently dropped
from what is signed (the "safe mode" of the Data Integrity specification)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from cachetools import LRUCache
from pyld import jsonld
from pyld.canon import URDNA2015
from pyld.context_resolver import ContextResolver

VC_CONTEXT_URL = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT_URL = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
_BUNDLED_FILES = {
    VC_CONTEXT_URL: "credentials-v2.json",
    OB_CONTEXT_URL: "ob-context-3.0.3.json",
}
# Our certificates have about 30 blank nodes. RDFC-1.0 can take factorial time on crafted
# graphs of many alike blank nodes ("poison" datasets), so a verifier bounds their number.
MAX_BLANK_NODES = 200
_NQUADS = "application/n-quads"


class RdfcError(ValueError):
    """A document that cannot be canonicalized: an unknown context, an undefined term, bad
    JSON-LD, or too many blank nodes."""


@dataclass(frozen=True)
class ContextLibrary:
    """JSON-LD context documents by URL: the only contexts the canonicalizer will load."""

    documents: Mapping[str, Any]

    def with_documents(self, extra: Mapping[str, Any]) -> ContextLibrary:
        """This library plus more contexts (a verifier that trusts another vocabulary)."""
        return ContextLibrary(MappingProxyType({**self.documents, **extra}))

    def load(self, url: str, options: object = None) -> dict[str, Any]:
        """PyLD document loader: a bundled context, or a refusal naming the URL."""
        if url not in self.documents:
            raise jsonld.JsonLdError(
                f"context {url} is not bundled (contexts are never fetched from the network)",
                "jsonld.LoadDocumentError",
                code="loading document failed",
            )
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": self.documents[url],
        }


@cache
def bundled_contexts() -> ContextLibrary:
    """The VC 2.0 and Open Badges 3.0 contexts shipped in this package (read once)."""
    folder = resources.files("zhijiang_engine.credentials") / "contexts"
    documents = {
        url: json.loads((folder / name).read_text(encoding="utf-8"))
        for url, name in _BUNDLED_FILES.items()
    }
    return ContextLibrary(MappingProxyType(documents))


def _refuse_dropped(term: str | None) -> None:
    raise RdfcError(f"the term {term!r} is not defined by the document's contexts")


def canonical_nquads(document: Mapping[str, Any], *, contexts: ContextLibrary) -> str:
    """The RDFC-1.0 canonical N-Quads of a JSON-LD document; raises RdfcError."""
    options: dict[str, Any] = {
        "documentLoader": contexts.load,
        # A resolver of our own: PyLD's shared cache might hold contexts another loader fetched.
        "contextResolver": ContextResolver(LRUCache(maxsize=32), contexts.load),
        "base": "",
        "produceGeneralizedRdf": False,
        "processingMode": "json-ld-1.1",
        "extractAllScripts": False,
    }
    processor = jsonld.JsonLdProcessor(on_property_dropped=_refuse_dropped)
    try:
        dataset = processor.to_rdf(dict(document), options)
        _check_blank_nodes(dataset)
        canonical = URDNA2015().main(dataset, {"format": _NQUADS})
    except RdfcError:
        raise
    except jsonld.JsonLdError as error:
        raise RdfcError(_reason(error)) from None
    except (RecursionError, TypeError, ValueError, KeyError, AttributeError) as error:
        raise RdfcError(f"not processable as JSON-LD: {error!r}"[:300]) from None
    if not isinstance(canonical, str):
        raise RdfcError("the canonicalizer returned no N-Quads")
    return canonical


def _check_blank_nodes(dataset: Mapping[str, Any]) -> None:
    nodes: set[str] = set()
    for graph_name, triples in dataset.items():
        if graph_name.startswith("_:"):
            nodes.add(graph_name)
        for triple in triples:
            for position in ("subject", "object"):
                term = triple[position]
                if term.get("type") == "blank node":
                    nodes.add(term["value"])
    if len(nodes) > MAX_BLANK_NODES:
        raise RdfcError(f"more than {MAX_BLANK_NODES} blank nodes")


def _reason(error: Exception) -> str:
    """The innermost message of PyLD's chained errors (the refused URL, the bad term)."""
    while isinstance(error.__cause__, Exception):
        if isinstance(error.__cause__, RdfcError):
            return str(error.__cause__)
        error = error.__cause__
    message = error.args[0] if error.args else repr(error)
    return f"not processable as JSON-LD: {message}"[:300]
