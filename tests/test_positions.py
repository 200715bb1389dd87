"""Positions read from role titles: title, optional country, person."""

from __future__ import annotations

import pytest

from extract.mentions import find_entities
from extract.positions import find_positions
from tests.entity_documents import document_from_text


def _positions(text: str) -> tuple[dict[str, str], set[tuple[str, str, str]], list]:
    document = document_from_text(text)
    entities, mentions = find_entities(document)
    new_entities, facts = find_positions(document, entities, mentions)
    return ({e.slug: e.kind for e in new_entities}, {(f.subject, f.predicate, f.object) for f in facts}, facts)


def test_title_country_comma_person() -> None:
    kinds, triples, _ = _positions("Tổng thống Azerbaijan, Ilham Aliyev, phát biểu.")
    assert kinds == {"president": "Role", "president-of-azerbaijan": "Position"}
    assert triples == {("ilham-aliyev", "holdsPosition", "president-of-azerbaijan"),
                       ("president-of-azerbaijan", "role", "president"),
                       ("president-of-azerbaijan", "jurisdiction", "azerbaijan")}


def test_former_holder_has_lower_confidence() -> None:
    _, _, facts = _positions("Bị cáo là cựu Bộ trưởng Quốc phòng Armenia, Seyran Ohanyan.")
    held = next(f for f in facts if f.predicate == "holdsPosition")
    assert held.object == "minister-of-defence-of-armenia"
    assert held.evidence[0].confidence < 0.9


def test_title_without_country_reuses_the_jurisdiction_named_elsewhere() -> None:
    _, _, facts = _positions("Tổng thống Azerbaijan, Ilham Aliyev, phát biểu. Sau đó Tổng thống Aliyev đến Baku.")
    held = next(f for f in facts if f.predicate == "holdsPosition")
    assert [e.sentence for e in held.evidence] == [1, 2]
    assert held.evidence[1].confidence < held.evidence[0].confidence


def test_title_without_any_country_gives_no_position() -> None:
    kinds, triples, _ = _positions("Bộ trưởng Nội vụ, Vilayat Eyvazov, ra lệnh.")
    assert (kinds, triples) == ({}, set())


def test_evidence_spans_title_to_person() -> None:
    document = document_from_text("Thỏa thuận do Thủ tướng Armenia, Nikol Pashinyan ký.")
    entities, mentions = find_entities(document)
    _, facts = find_positions(document, entities, mentions)
    evidence = facts[0].evidence[0]
    assert document.text[evidence.begin:evidence.end] == "Thủ tướng Armenia, Nikol Pashinyan"


def test_position_labels_in_vietnamese_and_english() -> None:
    document = document_from_text("Tổng thống Nga, Vladimir Putin, ký.")
    entities, mentions = find_entities(document)
    new_entities, _ = find_positions(document, entities, mentions)
    position = next(e for e in new_entities if e.kind == "Position")
    assert dict(position.labels) == {"vi": "Tổng thống Nga", "en": "President of Russia"}


# (text, a (person, holdsPosition, position) triple read from it), one case a behaviour.
POSITIONS_HELD = [
    pytest.param("Bộ trưởng Quốc phòng Nga Pavel Grachev đến Baku.",
                 ("pavel-grachev", "holdsPosition", "minister-of-defence-of-russia"),
                 id="title_country_person_without_comma"),
    pytest.param("Ngày 8 tháng 10, Tổng thống ArmeniaArmen Sarkissian, thôi việc giám đốc.",
                 ("armen-sarkissian", "holdsPosition", "president-of-armenia"),
                 id="country_glued_to_the_person"),
    pytest.param("Phó Tổng thống thứ nhất của Azerbaijan, Mehriban Aliyeva, đến thăm.",
                 ("mehriban-aliyeva", "holdsPosition", "first-vice-president-of-azerbaijan"),
                 id="link_word_between_title_and_country"),
    pytest.param("Ngoại trưởng Armenia, Haykaz Mkrtumyan, đến Moskva.",
                 ("haykaz-mkrtumyan", "holdsPosition", "minister-of-foreign-affairs-of-armenia"),
                 id="discovered_person_gets_a_position"),
]


@pytest.mark.parametrize(("text", "held"), POSITIONS_HELD)
def test_person_holds_the_position_the_title_before_him_names(text: str, held: tuple[str, str, str]) -> None:
    _, triples, _ = _positions(text)
    assert held in triples
