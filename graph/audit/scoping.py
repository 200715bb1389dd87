"""What the checks look at: the whole store, one document's part, or the facts about one resource."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from extract.errors import CkgError
from graph.terms import Term, compact

from .model import Fact
from .snapshot import Snapshot


class ScopeError(CkgError, LookupError):
    """The document or resource to narrow the audit to is not in the store."""

    status, type = 404, "not-found"


@dataclass
class Scope:
    """What the checks look at: everything, one document's part, or the facts about one resource."""

    facts: set[Fact]
    statements: set[Term]
    sentences: set[Term]
    markers: set[Term]
    references: set[Term]
    records: set[Term]
    events: set[Term]
    # Sentences an event may be corroborated by: None for all, else the document's.
    event_sentences: set[Term] | None = None
    per_resource: bool = False


def whole_store(snapshot: Snapshot) -> Scope:
    statements = {st.iri for fact in snapshot.facts for st in snapshot.by_fact.get(fact, ())}
    return Scope(
        set(snapshot.facts), statements, set(snapshot.sentences), set(snapshot.markers), set(snapshot.references),
        set(snapshot.records), set(snapshot.events),
    )


def narrow_to_document(snapshot: Snapshot, scope: Scope, doc: ox.NamedNode) -> Scope:
    """A document's sentences, markers, references and records, and the facts its sentences state.

    A fact whose statements name no known sentence belongs to the document when its subject
    was derived from one of the document's sentences; a statement with no known sentence is
    kept with its fact (it cannot be placed in any document).
    """
    sentences = {iri for iri in scope.sentences if snapshot.sentences[iri].doc == doc}
    if doc not in snapshot.documents and not sentences:
        raise ScopeError(f"no document {compact(doc)} in the store")
    known = snapshot.sentences.keys()

    def in_document(fact: Fact) -> bool:
        stated = snapshot.statement_sentences(fact) & known
        return bool((stated or snapshot.derived.get(fact[0], set())) & sentences)

    facts = {fact for fact in scope.facts if in_document(fact)}
    return Scope(
        facts=facts,
        statements={
            st.iri for fact in facts for st in snapshot.by_fact.get(fact, ())
            if st.iri in scope.statements and (st.sentences & sentences or not st.sentences & known)
        },
        sentences=sentences,
        markers={iri for iri in scope.markers if snapshot.markers[iri].sentence in sentences},
        references={iri for iri in scope.references if snapshot.references[iri].doc == doc},
        records={iri for iri in scope.records if snapshot.records[iri].doc == doc},
        events={event for event in scope.events if snapshot.derived.get(event, set()) & sentences}
        | {fact[0] for fact in scope.facts if fact[0] in scope.events and in_document(fact)},
        event_sentences=sentences,
    )


def narrow_to_resource(snapshot: Snapshot, scope: Scope, iri: ox.NamedNode) -> Scope:
    """The facts with the resource as subject or object, and their sentences, citations and records."""
    facts = {fact for fact in scope.facts if fact[0] == iri or fact[2] == iri}
    if not facts:
        raise ScopeError(f"no fact about {compact(iri)} in the store" + (" (in that document)" if
                                                                          scope.event_sentences else ""))
    statements = [st for fact in facts for st in snapshot.by_fact.get(fact, ()) if st.iri in scope.statements]
    sentences = set().union(*(st.sentences for st in statements)) & scope.sentences
    references = set().union(*(snapshot.cites.get(s, set()) for s in sentences)) & scope.references
    return Scope(
        facts=facts,
        statements={st.iri for st in statements},
        sentences=sentences,
        markers={m for m in scope.markers if snapshot.markers[m].sentence in sentences},
        references=references,
        records=set().union(*(snapshot.described_by.get(r, set()) for r in references)) & scope.records,
        events={fact[0] for fact in facts if fact[0] in scope.events},
        event_sentences=scope.event_sentences,
        per_resource=True,
    )


