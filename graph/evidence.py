"""The evidence chain of one fact, from the triple down to the bibliographic records.

fact → ``ckg:Statement``s (confidence) → sentence (offsets, the supporting span cut
from the document text) → citation markers → reference numbers → records (with the
alignment's confidence and evidence). A handful of small queries per fact, batched
with VALUES, so resource pages can call it for every fact they show.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, PROV, RDF

from extract.errors import CkgError

from .namespaces import (
    CKG,
    GRAPH_ALIGNMENT,
    GRAPH_DOCUMENTS,
    GRAPH_FACTS,
    GRAPH_PROVENANCE,
    NIF,
    SCHEMA,
    SEM,
    sparql_prefixes,
)
from .terms import (
    Term,
    as_bool,
    as_float,
    as_int,
    as_iri,
    as_text,
    compact,
    parse_iri,
    parse_literal,
    rows_query,
    select,
    term_json,
    values_clause,
)

DERIVED_FROM = ox.NamedNode(str(PROV.wasDerivedFrom))
RDF_TYPE = ox.NamedNode(str(RDF.type))
SEM_EVENT = ox.NamedNode(str(SEM.Event))

# Statements with their sentence, confidence and span; substitute ?s, ?p or ?o to narrow it.
STATEMENTS_OF = rows_query(
    GRAPH_PROVENANCE, "statement", ["a ckg:Statement", "rdf:subject ?s", "rdf:predicate ?p", "rdf:object ?o"],
    {"sentence": "prov:wasDerivedFrom", "confidence": "ckg:confidence", "begin": "ckg:spanBegin", "end": "ckg:spanEnd"},
)


def sentences_query(values: str = "") -> str:
    """Sentences with their document, offsets and stored text (all of them, or those in ``values``)."""
    return rows_query(
        GRAPH_DOCUMENTS, "sentence", ["a ckg:Sentence"],
        {"doc": "nif:referenceContext", "begin": "nif:beginIndex", "end": "nif:endIndex", "anchor": "nif:anchorOf"},
        values,
    )


def markers_query(values: str = "") -> str:
    """Citation markers with their number, sentence and reference (all of them, or those in ``values``)."""
    return rows_query(
        GRAPH_DOCUMENTS, "marker", ["a ckg:CitationMarker"],
        {"number": "ckg:citationNumber", "sentence": "ckg:inSentence", "ref": "ckg:refersTo",
         "begin": "nif:beginIndex", "end": "nif:endIndex"},
        values,
    )


CITED_BY = sparql_prefixes() + """
SELECT ?sentence ?ref WHERE {{ {values} GRAPH <{graph}> {{ ?sentence cito:citesAsEvidence ?ref }} }}"""

REFERENCE_NUMBERS = sparql_prefixes() + """
SELECT ?ref ?number WHERE {{ {values} GRAPH <{graph}> {{ ?ref ckg:referenceNumber ?number }} }}"""

DESCRIBED_BY = sparql_prefixes() + """
SELECT ?ref ?record WHERE {{ {values} GRAPH <{graph}> {{ ?ref ckg:describedBy ?record }} }}"""



def alignments_query(values: str = "") -> str:
    """Reified ``ckg:describedBy`` links with confidence and evidence (all, or for the ?ref in ``values``)."""
    return rows_query(
        GRAPH_ALIGNMENT, "alignment", ["a ckg:Alignment", "rdf:subject ?ref", "rdf:object ?record"],
        {"confidence": "ckg:confidence", "evidence": "ckg:evidence"}, values,
    )


RECORD_FIELDS = sparql_prefixes() + """
SELECT ?record ?field ?value WHERE {{ {values} GRAPH <{graph}> {{ ?record ?field ?value }} }}"""

# Record properties shown in an evidence chain, by the attribute they fill.
RECORD_TEXT_FIELDS = {
    "title": DCTERMS.title,
    "translated_title": CKG.translatedTitle,
    "publisher": DCTERMS.publisher,
    "website": CKG.website,
    "date": DCTERMS.date,
    "language": DCTERMS.language,
    "archived_on": CKG.archivedOn,
    "accessed_on": CKG.accessedOn,
    "quote": CKG.quote,
    "text": CKG.recordText,
}
# Record properties whose value is a web address (an IRI), so pages can link out to the source.
RECORD_LINK_FIELDS = {"url": SCHEMA.url, "archive_url": SCHEMA.archivedAt}


class FactNotFound(CkgError, LookupError):
    """Neither the facts graph nor any statement holds the fact asked for."""

    status, type = 404, "not-found"


@dataclass(frozen=True)
class RecordEvidence:
    """A bibliographic record a reference is aligned to, with the alignment's confidence."""

    iri: str
    title: str | None = None
    translated_title: str | None = None
    creators: tuple[str, ...] = ()
    publisher: str | None = None
    website: str | None = None
    date: str | None = None
    language: str | None = None
    archived_on: str | None = None
    accessed_on: str | None = None
    quote: str | None = None
    text: str | None = None
    url: str | None = None
    archive_url: str | None = None
    broken: bool | None = None
    alignment_confidence: float | None = None
    alignment_evidence: str | None = None

    def to_json(self) -> dict:
        return {
            "iri": self.iri,
            "title": self.title,
            "translated_title": self.translated_title,
            "creators": list(self.creators),
            "publisher": self.publisher,
            "website": self.website,
            "date": self.date,
            "language": self.language,
            "archived_on": self.archived_on,
            "accessed_on": self.accessed_on,
            "quote": self.quote,
            "text": self.text,
            "url": self.url,
            "archive_url": self.archive_url,
            "broken": self.broken,
            "alignment": {"confidence": self.alignment_confidence, "evidence": self.alignment_evidence},
        }


@dataclass(frozen=True)
class Marker:
    """One ``[N]`` occurrence: where it is in the document."""

    iri: str
    begin: int | None
    end: int | None


@dataclass(frozen=True)
class Citation:
    """A reference a sentence cites: its number, the markers that cite it, its records."""

    reference: str
    number: int | None
    markers: tuple[Marker, ...] = ()
    records: tuple[RecordEvidence, ...] = ()

    @property
    def usable(self) -> bool:
        """True when at least one record describes the reference and is not broken."""
        return any(record.broken is False for record in self.records)

    def to_json(self) -> dict:
        return {
            "reference": self.reference,
            "number": self.number,
            "markers": [{"iri": m.iri, "begin": m.begin, "end": m.end} for m in self.markers],
            "records": [record.to_json() for record in self.records],
        }


@dataclass(frozen=True)
class SentenceEvidence:
    """A supporting sentence, read back from the document text at its offsets."""

    iri: str
    document: str | None
    begin: int | None
    end: int | None
    anchor: str | None  # nif:anchorOf as stored
    text: str | None  # the document text sliced [begin:end]
    citations: tuple[Citation, ...] = ()

    @property
    def offsets_match(self) -> bool:
        return self.text is not None and self.text == self.anchor

    def split(self, span_begin: int | None, span_end: int | None) -> tuple[str, str, str]:
        """The sentence as (before, supporting span, after); the whole sentence when the span does not fit."""
        text = self.text if self.text is not None else (self.anchor or "")
        if self.begin is None or span_begin is None or span_end is None:
            return text, "", ""
        start, stop = span_begin - self.begin, span_end - self.begin
        if not 0 <= start <= stop <= len(text):
            return text, "", ""
        return text[:start], text[start:stop], text[stop:]

    def to_json(self) -> dict:
        return {
            "iri": self.iri,
            "document": self.document,
            "begin": self.begin,
            "end": self.end,
            "text": self.text,
            "anchor": self.anchor,
            "offsets_match": self.offsets_match,
            "citations": [citation.to_json() for citation in self.citations],
        }


@dataclass(frozen=True)
class StatementEvidence:
    """One ``ckg:Statement`` of the fact: its confidence and the sentence it was derived from."""

    iri: str
    confidence: float | None
    span_begin: int | None
    span_end: int | None
    sentence: SentenceEvidence | None

    @property
    def span_text(self) -> str:
        return self.sentence.split(self.span_begin, self.span_end)[1] if self.sentence else ""

    def to_json(self) -> dict:
        return {
            "iri": self.iri,
            "confidence": self.confidence,
            "span": {"begin": self.span_begin, "end": self.span_end, "text": self.span_text},
            "sentence": self.sentence.to_json() if self.sentence else None,
        }


@dataclass(frozen=True)
class EvidenceChain:
    """Everything that supports one fact triple."""

    subject: ox.NamedNode
    predicate: ox.NamedNode
    object: Term
    in_facts_graph: bool
    statements: tuple[StatementEvidence, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return f"{compact(self.subject)} {compact(self.predicate)} {compact(self.object)}"

    @property
    def sentences(self) -> list[SentenceEvidence]:
        return [statement.sentence for statement in self.statements if statement.sentence is not None]

    @property
    def cited(self) -> bool:
        """True when a supporting sentence cites a reference with a usable (unbroken) record."""
        return any(citation.usable for sentence in self.sentences for citation in sentence.citations)

    def to_json(self) -> dict:
        return {
            "fact": {
                "subject": term_json(self.subject),
                "predicate": term_json(self.predicate),
                "object": term_json(self.object),
            },
            "label": self.label,
            "in_facts_graph": self.in_facts_graph,
            "cited": self.cited,
            "statements": [statement.to_json() for statement in self.statements],
        }


def parse_object(text: str) -> Term | str:
    """A fact's object as typed: a quoted literal, an IRI or prefixed name, or a bare word kept as text.

    A bare word is matched later against the fact's objects: a resource slug or a literal's lexical form.
    """
    literal = parse_literal(text)
    if literal is not None:
        return literal
    if text.startswith("<") or ":" in text.split("/")[0]:
        return parse_iri(text)
    return text.strip()


def _matches(term: Term, wanted: Term | str) -> bool:
    """A bare word matches a resource slug or a literal's lexical form."""
    if not isinstance(wanted, str):
        return term == wanted
    if isinstance(term, ox.Literal):
        return term.value == wanted
    return term == parse_iri(wanted)


def evidence_chain(store: ox.Store, subject: str | ox.NamedNode, predicate: str | ox.NamedNode, obj: str | Term
                   ) -> EvidenceChain:
    """The evidence chain of the fact ``subject predicate obj`` (terms or text as a user types them).

    Raises FactNotFound (naming the objects that do exist for subject and predicate)
    when neither the facts graph nor a statement has the triple, TermError on bad text.
    """
    s = subject if isinstance(subject, ox.NamedNode) else parse_iri(subject)
    p = predicate if isinstance(predicate, ox.NamedNode) else parse_iri(predicate, bare="ontology")
    wanted = parse_object(obj) if isinstance(obj, str) else obj
    facts_graph = ox.NamedNode(str(GRAPH_FACTS))
    fact_objects = {quad.object for quad in store.quads_for_pattern(s, p, None, facts_graph)}
    rows = list(select(store, STATEMENTS_OF, s=s, p=p))
    candidates = {term for term in fact_objects if _matches(term, wanted)}
    candidates |= {row["o"] for row in rows if _matches(row["o"], wanted)}
    if len(candidates) != 1:
        known = sorted({compact(term) for term in fact_objects | {row["o"] for row in rows}})
        shown = compact(wanted) if not isinstance(wanted, str) else wanted
        if not candidates:
            hint = f"; known objects: {', '.join(known)}" if known else "; the store has no such subject and predicate"
            raise FactNotFound(f"no fact {compact(s)} {compact(p)} {shown}{hint}")
        raise FactNotFound(f"{shown!r} matches several objects ({', '.join(sorted(map(compact, candidates)))}): "
                           "quote the literal with its datatype")
    o = candidates.pop()
    rows = [row for row in rows if row["o"] == o]
    sentences = resolve_sentences(store, {row["sentence"] for row in rows if "sentence" in row})
    return _chain((s, p, o), o in fact_objects, rows, sentences)


def needs_statement(predicate: Term, obj: Term) -> bool:
    """Whether a facts-graph triple is a claim needing a ckg:Statement.

    Two kinds are bookkeeping, not claims: ``?event prov:wasDerivedFrom ?sentence`` and
    ``?event a sem:Event`` (implied by the event's own class, which has its statements).
    """
    if predicate == DERIVED_FROM:
        return False
    return not (predicate == RDF_TYPE and obj == SEM_EVENT)


def evidence_about(store: ox.Store, iri: ox.NamedNode) -> list[EvidenceChain]:
    """The evidence chain of every fact with ``iri`` as subject or object, in a few batched reads.

    When ``iri`` is itself a statement, its own fact's chain is included too.
    """
    facts_graph = ox.NamedNode(str(GRAPH_FACTS))
    facts = {
        (quad.subject, quad.predicate, quad.object)
        for pattern in ((iri, None, None), (None, None, iri))
        for quad in store.quads_for_pattern(*pattern, facts_graph)
        if needs_statement(quad.predicate, quad.object)
    }
    rows = {}
    for binding in ("s", "o", "statement"):
        rows.update({row["statement"]: row for row in select(store, STATEMENTS_OF, **{binding: iri})})
    sentences = resolve_sentences(store, {row["sentence"] for row in rows.values() if "sentence" in row})
    by_fact: dict[tuple[Term, Term, Term], list[dict[str, Term]]] = {fact: [] for fact in facts}
    for row in rows.values():
        by_fact.setdefault((row["s"], row["p"], row["o"]), []).append(row)
    return [
        _chain(fact, fact in facts, fact_rows, sentences)
        for fact, fact_rows in sorted(by_fact.items(), key=lambda item: tuple(map(str, item[0])))
    ]


def _chain(fact: tuple[Term, Term, Term], in_facts_graph: bool, rows: list[dict[str, Term]],
           sentences: dict[Term, SentenceEvidence]) -> EvidenceChain:
    """An evidence chain from STATEMENTS_OF rows and their resolved sentences, in document order."""
    statements = [
        StatementEvidence(
            iri=row["statement"].value,
            confidence=as_float(row.get("confidence")),
            span_begin=as_int(row.get("begin")),
            span_end=as_int(row.get("end")),
            sentence=sentences.get(row["sentence"]) if "sentence" in row else None,
        )
        for row in rows
    ]
    statements.sort(key=lambda st: (st.sentence.begin if st.sentence and st.sentence.begin is not None else -1,
                                    st.iri))
    return EvidenceChain(fact[0], fact[1], fact[2], in_facts_graph, tuple(statements))


def resolve_sentences(store: ox.Store, iris: set[Term]) -> dict[Term, SentenceEvidence]:
    """The sentences, sliced from their documents, with their citations resolved."""
    iris = {iri for iri in iris if isinstance(iri, ox.NamedNode)}
    if not iris:
        return {}
    documents = ox.NamedNode(str(GRAPH_DOCUMENTS))
    rows = list(select(store, sentences_query(values_clause("sentence", iris))))
    texts = {
        doc: quad.object.value
        for doc in {row["doc"] for row in rows if "doc" in row}
        for quad in store.quads_for_pattern(doc, ox.NamedNode(str(NIF.isString)), None, documents)
    }
    citations = _citations(store, iris)
    found: dict[Term, SentenceEvidence] = {}
    for row in rows:
        begin, end, doc = as_int(row.get("begin")), as_int(row.get("end")), row.get("doc")
        text = texts.get(doc) if doc is not None else None
        found[row["sentence"]] = SentenceEvidence(
            iri=row["sentence"].value,
            document=doc.value if doc is not None else None,
            begin=begin,
            end=end,
            anchor=as_text(row.get("anchor")),
            text=text[begin:end] if text is not None and begin is not None and end is not None else None,
            citations=citations.get(row["sentence"], ()),
        )
    return found


def _citations(store: ox.Store, sentences: set[ox.NamedNode]) -> dict[Term, tuple[Citation, ...]]:
    """Per sentence, the references it cites (by cito:citesAsEvidence or by a marker) with their records."""
    values = values_clause("sentence", sentences)
    cited: dict[Term, set[Term]] = {}
    markers: dict[tuple[Term, Term], list[Marker]] = {}
    for row in select(store, CITED_BY.format(values=values, graph=GRAPH_DOCUMENTS)):
        cited.setdefault(row["sentence"], set()).add(row["ref"])
    for row in select(store, markers_query(values)):
        if "ref" in row and "sentence" in row:
            cited.setdefault(row["sentence"], set()).add(row["ref"])
            marker = Marker(row["marker"].value, as_int(row.get("begin")), as_int(row.get("end")))
            markers.setdefault((row["sentence"], row["ref"]), []).append(marker)
    references = {ref for refs in cited.values() for ref in refs if isinstance(ref, ox.NamedNode)}
    records = _records_of(store, references)
    numbers = {}
    if references:
        ref_values = values_clause("ref", references)
        numbers = {
            row["ref"]: as_int(row["number"])
            for row in select(store, REFERENCE_NUMBERS.format(values=ref_values, graph=GRAPH_DOCUMENTS))
        }
    result = {}
    for sentence, refs in cited.items():
        citations = [
            Citation(
                reference=ref.value,
                number=numbers.get(ref),
                markers=tuple(sorted(markers.get((sentence, ref), []), key=lambda m: (m.begin or 0, m.iri))),
                records=tuple(records.get(ref, ())),
            )
            for ref in refs
        ]
        result[sentence] = tuple(sorted(citations, key=lambda c: (c.number is None, c.number or 0, c.reference)))
    return result


def _records_of(store: ox.Store, references: set[ox.NamedNode]) -> dict[Term, list[RecordEvidence]]:
    """The records each reference is aligned to, with every field the evidence chain shows."""
    if not references:
        return {}
    ref_values = values_clause("ref", references)
    links = [(row["ref"], row["record"]) for row in
             select(store, DESCRIBED_BY.format(values=ref_values, graph=GRAPH_ALIGNMENT))]
    alignment = {
        (row["ref"], row["record"]): (as_float(row.get("confidence")), as_text(row.get("evidence")))
        for row in select(store, alignments_query(ref_values))
    }
    record_iris = {record for _, record in links if isinstance(record, ox.NamedNode)}
    fields: dict[Term, dict[str, list[Term]]] = {}
    if record_iris:
        query = RECORD_FIELDS.format(values=values_clause("record", record_iris), graph=GRAPH_DOCUMENTS)
        for row in select(store, query):
            fields.setdefault(row["record"], {}).setdefault(row["field"].value, []).append(row["value"])
    by_reference: dict[Term, list[RecordEvidence]] = {}
    for ref, record in sorted(links, key=lambda link: link[1].value):
        values = fields.get(record, {})
        confidence, evidence = alignment.get((ref, record), (None, None))
        by_reference.setdefault(ref, []).append(
            RecordEvidence(
                iri=record.value,
                creators=tuple(sorted(term.value for term in values.get(str(DCTERMS.creator), []))),
                broken=as_bool(values.get(str(CKG.isBroken), [None])[0]),
                alignment_confidence=confidence,
                alignment_evidence=evidence,
                **{name: as_text(values.get(str(iri), [None])[0]) for name, iri in RECORD_TEXT_FIELDS.items()},
                **{name: as_iri(values.get(str(iri), [None])[0]) for name, iri in RECORD_LINK_FIELDS.items()},
            )
        )
    return by_reference
