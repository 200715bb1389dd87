"""Plain records produced by the extractors.

Every record carries the character span it came from: code-point offsets into the
NFC-normalised document text (``Document.text``). Nothing here knows about RDF;
``graph/`` turns these records into triples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

# Kinds of entity a gazetteer entry or a discovered name can be (ontology class names).
ENTITY_KINDS = ("Person", "Country", "Organization", "Place", "Conflict", "Role", "Position")
# Kinds of event (ontology class names).
AGREEMENT_KINDS = ("Agreement", "Ceasefire", "Armistice", "Declaration", "Protocol")
EVENT_KINDS = (*AGREEMENT_KINDS, "TerritoryTransfer", "Capture", "AgreementGroup")
# Characters MediaWiki leaves unescaped in page URLs ("/wiki/Nagorno-Karabakh_(region)").
_TITLE_SAFE = "/:()'!,;*@$-._~"


@dataclass(frozen=True)
class DateValue:
    """A date as the text gives it, with its precision kept.

    ``lexical`` is the XSD lexical form; ``datatype`` one of ``date``, ``gYearMonth``,
    ``gYear``, ``dateTime``.
    """

    lexical: str
    datatype: str
    begin: int = -1
    end: int = -1

    def day(self) -> DateValue:
        """The value without its span, a date-time cut to its day (an event's date is a day)."""
        if self.datatype == "dateTime":
            return DateValue(self.lexical[:10], "date")
        return DateValue(self.lexical, self.datatype)


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: one line of the article before its notes and records."""

    index: int  # 1-based, in document order
    begin: int
    end: int


@dataclass(frozen=True)
class Note:
    """A ``^`` line that is prose (an explanatory note), not a bibliographic record."""

    index: int  # 1-based, in document order
    begin: int  # span of the note text, after ``^`` and backlink letters
    end: int
    cited_times: int  # backlink letters (``^ ab`` -> 2), 1 when there are none


@dataclass(frozen=True)
class ReferenceRecord:
    """A bibliographic record from the article's reference list, parsed into fields."""

    index: int  # 1-based, in document order
    begin: int  # span of the whole ``^`` line
    end: int
    text: str  # the raw line
    cited_times: int
    broken: bool  # ``Lỗi chú thích``: the wiki could not render the reference
    title: str | None = None
    translated_title: str | None = None
    creators: tuple[str, ...] = ()
    publisher: str | None = None
    website: str | None = None
    date: DateValue | None = None
    language: str | None = None  # BCP 47 code, e.g. "hy"
    archived_on: DateValue | None = None
    accessed_on: DateValue | None = None
    quote: str | None = None
    # Read from a citation template or its HTML rendering (the copied text shows no links):
    url: str | None = None  # the cited source, an absolute http(s) URL
    archive_url: str | None = None  # a snapshot of it in a web archive
    pages: str | None = None  # "pp. 12–14", as the citation gives it
    identifiers: tuple[tuple[str, str], ...] = ()  # ("isbn", "978-…"), ("doi", "10.…")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a paragraph or a note, with its closing citation markers."""

    index: int  # 1-based, in document order
    begin: int
    end: int
    text: str  # == Document.text[begin:end]
    paragraph: int | None = None  # Paragraph.index when in the body
    note: int | None = None  # Note.index when in a note


@dataclass(frozen=True)
class CitationMarker:
    """One ``[N]`` occurrence in the text."""

    index: int  # 1-based, in document order
    number: int
    begin: int
    end: int
    sentence: int  # Sentence.index


@dataclass(frozen=True)
class Alignment:
    """Evidence that citation number ``number`` is described by record ``record``."""

    number: int
    record: int  # ReferenceRecord.index
    confidence: float  # 0..1
    evidence: str  # human-readable reasons


@dataclass(frozen=True)
class Revision:
    """The version of a wiki page a document was read from (from page HTML or a dump)."""

    wiki: str  # the wiki's base URL, e.g. "https://vi.wikipedia.org"
    title: str  # the page title, e.g. "Chiến tranh Nagorno-Karabakh 2020"
    id: int | None = None  # revision id: the permanent URL is {wiki}/w/index.php?oldid={id}
    timestamp: str | None = None  # when the revision was saved, ISO 8601 in UTC ("2020-12-01T10:00:00Z")

    @property
    def permanent_url(self) -> str | None:
        return f"{self.wiki}/w/index.php?oldid={self.id}" if self.id is not None else None

    @property
    def page_url(self) -> str:
        return f"{self.wiki}/wiki/{quote(self.title.replace(' ', '_'), safe=_TITLE_SAFE)}"


@dataclass
class Document:
    """An article read into paragraphs, notes, records, sentences and citations."""

    id: str  # slug, e.g. "nagorno-karabakh-2020"
    text: str  # the full NFC text; every offset points into it
    source: str  # where it was read from (path or package resource)
    language: str = "vi"
    paragraphs: list[Paragraph] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    records: list[ReferenceRecord] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    markers: list[CitationMarker] = field(default_factory=list)
    alignments: list[Alignment] = field(default_factory=list)
    revision: Revision | None = None  # None for plain text, which does not say which version it copied
    input_kind: str = "text"  # "text", "wikitext", "html" or "dump" (extract/formats.py)


@dataclass(frozen=True)
class Entity:
    """A person, country, organisation, place, conflict, role or position.

    ``slug`` is stable across rebuilds: derived from the canonical English label
    (or the text label for a discovered name).
    """

    slug: str
    kind: str  # one of ENTITY_KINDS
    labels: tuple[tuple[str, str], ...]  # (language, preferred label)
    alt_labels: tuple[tuple[str, str], ...] = ()
    wikidata: str | None = None  # "Q227" only where the gazetteer is certain
    known: bool = True  # False for names discovered in the text
    geonames: int | None = None  # GeoNames id of a place found in the world data
    latitude: float | None = None  # WGS84, where the world data gives the place's position
    longitude: float | None = None
    confidence: float | None = None  # how sure a discovered name's kind is


@dataclass(frozen=True)
class Mention:
    """A span of a sentence that names an entity."""

    entity: str  # Entity.slug
    begin: int
    end: int
    sentence: int  # Sentence.index
    text: str


@dataclass(frozen=True)
class Evidence:
    """Support for a fact: the sentence, the span inside it, and how sure we are."""

    sentence: int  # Sentence.index
    begin: int
    end: int
    confidence: float  # 0..1; how it is computed is documented in the README


@dataclass(frozen=True)
class TextValue:
    """A plain literal object of a fact (a label, a status name)."""

    value: str
    language: str | None = None


@dataclass(frozen=True)
class Fact:
    """One domain triple: subject slug, contract property local name, object.

    The object is an entity or event slug (``str``), a ``DateValue``, or a plain
    literal (``TextValue``).
    """

    subject: str
    predicate: str  # e.g. "signatory", "mediator", "territory", "date", "holdsPosition"
    object: str | DateValue | TextValue
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Event:
    """An agreement, territory transfer or capture: one node per real-world event."""

    slug: str
    kind: str  # one of EVENT_KINDS
    labels: tuple[tuple[str, str], ...]  # (language, label), made from its facts
    sentences: tuple[int, ...]  # every sentence that mentions it (prov:wasDerivedFrom)


@dataclass
class ArticleExtraction:
    """Everything extracted from one article, ready for ``graph/`` to publish."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
