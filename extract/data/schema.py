"""What the data files of ``extract/data`` may hold: one class per file, one per table of a file.

A key in a file must be declared here, with its type; a key not declared, a value of the wrong
type or a required key missing makes loading fail with one line naming the file and the key
(``extract/datafile.py``). So a new key is two edits: the value in the TOML file, its field in
the class of its table below. A field with a default (``= None``) may be left out of a file (one
language has it, another does not); a field without one must be in every language's file.
The loader hands the extractors the parsed TOML as it is: these classes only check it.
"""

from __future__ import annotations

from typing import Literal

from extract.datafile import Section

Direction = Literal["forward", "backward", "inside"]  # where a cue's list of names is read
AgreementKind = Literal["Agreement", "Armistice", "Ceasefire", "Declaration", "Protocol"]
EntityKind = Literal["Person", "Country", "Organization", "Place"]


# ---------------------------------------------------------------- {language}/sentences.toml


class SentencesFile(Section):
    abbreviations: list[str]
    note_marker: str | None = None


# ---------------------------------------------------------------- {language}/records.toml


class RecordAlignment(Section):
    stopwords: list[str]


class RecordsFile(Section):
    broken: list[str]
    archived: list[str]
    accessed: list[str]
    language_tag: str
    locators: list[str]
    alignment: RecordAlignment


# ---------------------------------------------------------------- {language}/dates.toml


class DateFragments(Section):
    day_month: str
    month: str
    day_maybe_month: str
    year: str
    bare_year: str
    time: str
    utc_time: str
    utc_offset: str
    zone: str
    range: str
    year_range: str
    time_link: str
    count: str
    relative_day: str
    local_time: str
    same_day: str | None = None
    same_year: str | None = None
    same_month: str | None = None
    month_name: str | None = None
    month_day: str | None = None


class DatePattern(Section):
    name: str
    regex: str
    whole_phrase_only: bool = False


class DatesFile(Section):
    fragments: DateFragments
    patterns: list[DatePattern]
    relative: dict[str, int]
    day_periods: dict[str, tuple[int, int, int]]
    zones: dict[str, str]
    months: dict[str, int] | None = None
    other_calendar_after: str | None = None  # a lunar date's year or "âm lịch" after a day and month
    aside_before: str | None = None  # "no later than", "had seized in": a date outside the story's time


# ---------------------------------------------------------------- {language}/cues.toml


class NameConfidence(Section):
    gazetteer: float
    cue: float
    coordination: float
    locative: float
    bare: float
    world: float
    family_name: float
    acronym: float


class ConflictCues(Section):
    naming: list[str]
    lead: str
    discovery_heads: str
    discovery_lowercase: int
    discovery_stop: list[str]
    discovery_tail: str
    heads: list[str]
    name_end: list[str]
    romanised: list[str]
    romanised_suffix: str
    background: str
    event_background: str
    discovery_names: str | None = None
    naming_name: str | None = None  # head-last languages: a name's grammar right after a naming cue
    # "The accords ... brought to an end the X War": the war an article about an agreement ended, in its lead
    ended_by: str | None = None
    # "also known in the United States as": a naming cue with the place or people that use the name
    naming_where: str | None = None
    # "Chiến tranh Mười ngày": a lower-case unit after a capitalised number word is a word of the name
    counted_units: list[str] = []


class VietnameseNames(Section):
    family_names: list[str]
    min_words: int
    max_words: int
    not_name_heads: list[str]
    min_population: int
    world_name_min_population: int
    exonym_min_population: int | None = None


class Demonyms(Section):
    heads: list[str]
    countries: dict[str, str]
    # The rest of a body's name after a country's adjective that makes it that country's armed forces.
    national_forces: str | None = None
    # An adjective not in ``countries`` derived from a one-word country name the article gives.
    adjective_endings: list[str] = []
    country_name_endings: list[str] = []
    # "Houthi fighters": a body the article names in the plural ("the Houthis"), in the singular before
    # a word for forces: the plural is the singular then one of these endings.
    body_plural_endings: list[str] = []


class CuesFile(Section):
    person_before: list[str]
    place_before: list[str]
    organization_before: list[str]
    organization_heads: list[str]
    organization_connectors: list[str]
    alias_between: str
    name_particles: list[str]
    direction_prefixes: list[str]
    direction_english: dict[str, str]
    not_acronyms: str
    locative_before: list[str]
    place_object_before: list[str]
    place_after: list[str]
    coordinators: list[str]
    list_intro: list[str]
    list_intro_window: int
    place_name_words: list[str]
    not_place_before: list[str]
    bare_person_min_words: int
    never_names: list[str]
    vietnamese_letters: str
    vietnamese_marks: list[str]
    vietnamese_syllable: str
    feature_english: dict[str, str]
    facility_english: dict[str, str]  # "sân bay quốc tế X": a place of its own, not the town X
    short_form_never: list[str]
    short_form_before: str
    confidence: NameConfidence
    conflict: ConflictCues
    vietnamese_names: VietnameseNames
    demonyms: Demonyms | None = None
    short_body_heads: list[str] | None = None  # "nghĩa quân X" later named "nghĩa quân"
    short_body_troops: list[str] | None = None  # ... or "quân X"
    glued_words: bool = True  # copied text glues words ("giữGanja")
    last_word_heads: dict[str, list[str]] | None = None  # head word -> kind; "joiners" between words
    # Capitalised words before a head-first body's head are part of its name ("Transitional Government of X").
    organization_modifiers: bool = False
    # Words never a name alone that open a body's name before its head ("National Forces of Liberation")
    name_modifiers: list[str] = []
    # A body named in the article's language whose abbreviation in brackets is not of those words ("Phong
    # trào Quốc gia Giải phóng Azawad (…, MNLA)") goes by that abbreviation of its own name in every language.
    foreign_abbreviation_names: bool = False
    # What makes a name with "the" a body acting in the war: the words before it ("fell to the") and after
    # it ("captured").
    body_before: str | None = None
    body_after: str | None = None
    # "X airport", "the X heights": a lower-case word after a name that makes, with it, a place of its own
    facility_after: list[str] = []
    numbered_place_heads: list[str] = []  # "Point 5140": the word and the number name a place
    # A name of several words in Latin letters in brackets after a name is its English name (not in English)
    bracketed_latin_is_english: bool = False
    # "Kırk Kilise (nay là Kırklareli)": words in brackets before the present name of a place told by an old one
    present_name_before: str | None = None


# ---------------------------------------------------------------- {language}/roles.toml

class RolesFile(Section):
    jurisdiction_links: list[str]
    former: list[str]
    former_confidence: float
    confidence: float
    inherited_confidence: float
    position_label: dict[str, str]
    role: list[dict[str, list[str]]]  # one table a role: its titles by language


# ---------------------------------------------------------------- {language}/events.toml: agreements


class AgreementTrigger(Section):
    regex: str
    kind: AgreementKind
    specific: bool = False


class AgreementCalls(Section):
    none: str
    none_after: str
    before: str
    after: str
    statement_kinds: list[AgreementKind]


class AgreementContentCue(Section):
    regex: str
    kind: AgreementKind
    not_after: str | None = None
    documents: list[AgreementKind] = []  # kinds this cue types besides the table's documents


class AgreementContent(Section):
    link: str
    kinds: list[AgreementKind]
    documents: list[AgreementKind]
    call: str
    cues: list[AgreementContentCue]
    # What may stand between a generic document word and a trigger of a definite kind inside one title
    # ("Agreement for Lasting Peace through a Permanent Cessation of Hostilities"): one document of that kind.
    title_gap: str | None = None
    # "ký Thỏa thuận Brioni, còn được gọi là Tuyên bố Brioni": the gap after a document's name that makes
    # the next trigger another name of the same document, of the first name's kind
    alias_gap: str | None = None


class AgreementReference(Section):
    before: str
    after: str
    all_of: str
    indefinite: str
    named: str
    named_before: str
    # "the Treaty of Sèvres": the rest of a title that follows its trigger word (where ``named`` is not used)
    title_after: str | None = None


class ParticipantCue(Section):
    """A ``[[signing]]``, ``[[mediation]]`` or ``[[parties]]`` cue."""

    regex: str
    direction: Direction
    confidence: float
    previous_agreement: bool | Literal["dated"] = False


class ParticipantAnaphora(Section):
    regex: str
    kinds: list[EntityKind]


class DemonstrativeCoordination(Section):
    between: str


class ParticipantSides(Section):
    regex: str
    direction: Direction


class AgreementPlaces(Section):
    location: str
    meeting: str
    same_occasion: str
    clause_break: str
    opening_date: str
    talks_reach: int
    signed_on: str
    effective: str
    effective_before_trigger: str
    in_force_on_signing: str | None = None  # "có hiệu lực ngay sau khi ký": effectiveFrom = signingDate
    signed_at: str | None = None  # the place right after the signing verb


# ---------------------------------------------------------------- {language}/events.toml: lists, places


class ListWords(Section):
    max_gap_words: int
    max_place_gap_words: int
    date_opening: str
    max_apposition_words: int
    max_date_gap_words: int
    date_prefix: str
    through: str
    separators: str
    closing: str
    stop_words: list[str]
    # "A for X and B for Y", "for X by A and for Y by B": the side a signer acts for, inside a list
    # (``behalf`` before the side, ``behalf_agent`` between that side and its signer).
    behalf: str | None = None
    behalf_agent: str | None = None
    # An apposition opened by a noun phrase describes the name before it, dates and all ("X, a city they
    # had seized in 2015, Y and Z"): the list goes on past it.
    described_apposition: str | None = None
    # What describes the first place of a list, between the verb and its name, beyond the few filler
    # words allowed ("captured the Ossetian village of X"): skipped as a whole.
    place_description: str | None = None
    # "nhượng cho Pháp ba tỉnh miền Đông Nam Kỳ là A, B, C": words announcing a counted list of places
    # (names in it included); the list read after a cue starts after them
    counted_places: str | None = None
    # "had taken X, and the next day its spokesman claimed ...": a date past these opens another clause.
    date_clause_break: str | None = None


class TerritoryWords(Section):
    not_territory_before: str
    side_joint: str
    not_side_before: str
    list_intro: str
    partial_list_intro: str
    subordinators: str
    agreement_named: str
    simultaneous: str
    government: str
    same_scene: str
    negation: str
    passive: str
    copula: str
    unit: str | None = None  # a military unit's name: part of a state's forces, never a side
    names_an_agreement_after: str | None = None  # "the Sochi ceasefire": a place naming an agreement
    locates_before: str | None = None  # "north of", "the capital of": a place locating another
    subject_after: str | None = None  # "X fell": a place that is the subject of its own verb
    cataphora_opener: str | None = None  # "As ... the city, X fell": an anaphor told before its place
    unit_doer: str | None = None  # a unit word: a unit named after a side, before the verb, is the doer
    # "were repulsed by US Marines, but a column of X seized B": a side past such a break is another clause's
    taker_clause_break: str | None = None
    # "A rơi vào tay X ngay trong buổi sáng": the part of the day told right after the verb, in its clause
    same_scene_after: str | None = None
    # "the People's Army of X (PAX), the regular army of Y": the text between a body and a country that
    # makes the body that country's forces
    forces_of: str | None = None
    # "captured A on D and overran B": what joins two verbs of one subject (D is the first verb's date)
    verb_link: str | None = None
    # "Mission in X": the words before a country ending a body's name that place the body there
    placed_in: str | None = None
    # "Mặt trận Yêu nước Rwanda", "Sudan Liberation Movement": words of a body's name that make it a
    # movement, front or party fighting for a cause, not the state its name ends with
    not_the_state: str | None = None
    # "hạm đội Pháp dưới quyền Chuẩn đô đốc X": the words between a country and a person leading its forces
    led_by: str | None = None


class PlaceAnaphora(Section):
    regex: str
    count: int | None = None


# ---------------------------------------------------------------- {language}/events.toml: captures, transfers


class CaptureCue(Section):
    regex: str
    confidence: float
    taker_after: bool = False
    takerless: bool = False
    taker_in_clause: bool = False
    after_withdrawal: bool = False  # only a place left just before ("rút khỏi A ... tiến vào A")


class CaptureWords(Section):
    pronoun_taker: str
    attack: str
    also: str
    possessive_taker: str | None = None
    left: str | None = None  # leaving a place, matched right before it


class CaptureStatus(Section):
    claimed: str
    confirmed: str
    claimed_after: str | None = None


class TransferCue(Section):
    regex: str
    confidence: float
    recipient_subject: bool = False
    withdrawal: bool = False  # a retreat: no hand-over where its sentence tells the place taken
    whole_states: bool = False  # a state itself may be the territory (an annexation)


class TransferWords(Section):
    annexed_into: str
    recipient: str
    giver: str
    seat_recipient: str
    context_subject: str
    planned: str
    clause_break: str | None = None  # a plan word before one of these is of another clause
    completed_on: str | None = None  # "...; việc rút quân hoàn tất vào ngày D": the hand-over's date
    # "Theo công ước này, ...", "Under the treaty, ...": a sentence opening so tells what the agreement
    # of the sentence before did; an undated hand-over in it takes that sentence's date
    under_that_agreement: str | None = None


class EventConfidence(Section):
    known_entity: float
    discovered_entity: float
    distance_step: float
    distance_floor: float
    claimed: float
    anaphor: float
    nearby: float
    agreement_date: float
    agreement_place: float
    group_count: float
    conflict: float
    story_month: float | None = None  # an undated capture takes its paragraph's month (None: it does not)


class EventsFile(Section):
    agreement_triggers: list[AgreementTrigger]
    agreement_calls: AgreementCalls
    agreement_content: AgreementContent
    agreement_reference: AgreementReference
    signing: list[ParticipantCue]
    mediation: list[ParticipantCue]
    parties: list[ParticipantCue]
    participant_anaphora: list[ParticipantAnaphora]
    demonstrative_coordination: DemonstrativeCoordination
    demonstrative_anaphora: list[ParticipantAnaphora]
    participant_sides: list[ParticipantSides]
    agreement_places: AgreementPlaces
    lists: ListWords
    territory: TerritoryWords
    anaphora: list[PlaceAnaphora]
    capture: list[CaptureCue]
    capture_cues: CaptureWords
    capture_status: CaptureStatus
    transfer: list[TransferCue]
    transfer_cues: TransferWords
    confidence: EventConfidence


# ---------------------------------------------------------------- {language}/words.toml


class WordsFile(Section):
    """Tables more than one extractor reads: number words, language names."""

    language_word: str
    numbers: dict[str, int]
    languages: dict[str, str]


# The files of a language pack (extract/data/{language}/{name}.toml), each with its schema.
PACK_SCHEMAS: dict[str, type[Section]] = {
    "sentences": SentencesFile,
    "records": RecordsFile,
    "dates": DatesFile,
    "cues": CuesFile,
    "roles": RolesFile,
    "events": EventsFile,
    "words": WordsFile,
}


# ---------------------------------------------------------------- wikitext.toml (every language)


class WikiSyntax(Section):
    appendix_sections: list[str]
    hidden_namespaces: list[str]
    category_namespaces: list[str]
    hidden_tags: list[str]


class CitationParameters(Section):
    title: list[str]
    translated_title: list[str]
    url: list[str]
    work: list[str]
    book_title: list[str]
    publisher: list[str]
    date: list[str]
    access_date: list[str]
    archive_url: list[str]
    archive_date: list[str]
    language: list[str]
    quote: list[str]
    pages: list[str]
    author: list[str]
    last: list[str]
    first: list[str]
    author_lists: list[str]
    identifiers: list[str]


class RecordRendering(Section):
    archived: str
    accessed: str
    in_language: str
    broken: str


class PageHtml(Section):
    hidden_classes: list[str]
    hidden_tags: list[str]
    block_tags: list[str]
    note_list_markers: list[str]
    archive_hosts: list[str]
    language_tags: list[str]


class WikitextFile(Section):
    citation_prefixes: list[str]
    citation_names: list[str]
    note_templates: list[str]
    short_citation_templates: list[str]
    reference_list_templates: list[str]
    inline_templates: dict[str, list[int]]
    literal_templates: dict[str, str]
    wiki: WikiSyntax
    parameters: CitationParameters
    render: dict[str, RecordRendering]  # by wiki language
    html: PageHtml
