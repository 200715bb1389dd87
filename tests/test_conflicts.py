"""Conflicts: the article's war with all its names as one node; other wars are their own nodes."""

from __future__ import annotations

from extract.conflicts import discover_conflicts, find_conflicts
from extract.gazetteer import Gazetteer
from extract.mentions import find_entities
from tests.entity_documents import document_from_text

NAMING = (
    "Cuộc chiến cũng được gọi là Chiến tranh Nagorno-Karabakh lần thứ hai,[1]Chiến tranh Sáu tuần[2] "
    "(tiếng Armenia: Վեցշաբաթյա պատերազմ, đã Latinh hoá: Vets’shabat’ya paterazm; tiếng Azerbaijani: "
    "Altı həftəlik müharibə) ở cả Armenia và Azerbaijan.\n"
    "Giao tranh dọc theo đường được thiết lập sau cuộc Chiến tranh Nagorno-Karabakh thứ nhất (1988–1994)."
)


def _conflicts(text: str, gazetteer: Gazetteer | None = None):
    document = document_from_text(text)
    entities, mentions = find_entities(document, gazetteer)
    return find_conflicts(document, entities, mentions)


def test_named_war_is_the_main_conflict_with_names_in_every_language() -> None:
    conflicts, main = _conflicts(NAMING)
    assert main == "2020-nagorno-karabakh-war"
    war = next(c for c in conflicts if c.slug == main)
    names = set(war.labels) | set(war.alt_labels)
    assert {("vi", "Chiến tranh Sáu tuần"), ("hy", "Վեցշաբաթյա պատերազմ"),
            ("hy-Latn", "Vets’shabat’ya paterazm"), ("az", "Altı həftəlik müharibə"),
            ("en", "2020 Nagorno-Karabakh war")} <= names


def test_war_mentioned_in_passing_is_its_own_node() -> None:
    conflicts, main = _conflicts(NAMING)
    assert {c.slug for c in conflicts} == {"2020-nagorno-karabakh-war", "first-nagorno-karabakh-war"}
    first = next(c for c in conflicts if c.slug == "first-nagorno-karabakh-war")
    assert ("vi", "Chiến tranh Sáu tuần") not in first.alt_labels


def test_unknown_named_war_is_discovered() -> None:
    text = "Cuộc chiến còn được gọi là Chiến tranh Ba ngày (tiếng Armenia: Եռօրյա պատերազմ) bởi báo chí."
    conflicts, main = _conflicts(text, Gazetteer.from_lines([]))
    assert main == "chien-tranh-ba-ngay"
    war = conflicts[0]
    assert (war.kind, war.known) == ("Conflict", False)
    assert set(war.labels) == {("vi", "Chiến tranh Ba ngày"), ("hy", "Եռօրյա պատերազմ")}


def test_without_naming_sentence_the_most_mentioned_conflict_is_main() -> None:
    text = ("Chiến tranh Nagorno-Karabakh thứ nhất kết thúc năm 1994. Sau Chiến tranh Nagorno-Karabakh "
            "lần thứ nhất, xung đột Nagorno-Karabakh năm 2016 nổ ra.")
    _, main = _conflicts(text)
    assert main == "first-nagorno-karabakh-war"


def test_no_conflict_at_all() -> None:
    assert _conflicts("Trời hôm nay đẹp.") == ([], None)


def test_lead_sentence_after_a_title_line_names_the_war() -> None:
    text = ("Xung đột Vùng Đồi Đỏ\n"
            "Xung đột Vùng Đồi Đỏ (tiếng Anh: Red Hills conflict), còn được gọi là Khủng hoảng Đồi Đỏ, "
            "là cuộc xung đột vũ trang kéo dài từ năm 1961 đến năm 1965 tại miền Tây của đảo Kestra.")
    conflicts, main = _conflicts(text, Gazetteer.from_lines([]))
    assert main == "red-hills-conflict"
    war = next(c for c in conflicts if c.slug == main)
    assert ("vi", "Xung đột Vùng Đồi Đỏ") in set(war.labels) | set(war.alt_labels)


def test_war_word_inside_a_body_name_is_no_war() -> None:
    text = "Lực lượng Kháng chiến Moravel và Mặt trận Khởi nghĩa Tarnow đã ký cùng chính phủ."
    document = document_from_text(text)
    entities, _ = discover_conflicts(document, *find_entities(document, Gazetteer.from_lines([])))
    assert not [e for e in entities if e.kind == "Conflict"]
    document = document_from_text("Trong Chiến tranh Kestra, thành phố Tarnow bị tàn phá.")
    entities, _ = discover_conflicts(document, *find_entities(document, Gazetteer.from_lines([])))
    assert [e.slug for e in entities if e.kind == "Conflict"] == ["chien-tranh-kestra"]


def test_a_naming_cue_that_names_an_agreement_names_no_war_told_later_in_the_sentence() -> None:
    conflicts, _ = _conflicts("Hiệp định vì Hòa bình tại Varnesk, thường được gọi tắt là Hiệp định Gorvan, là hiệp "
                              "định hòa bình giữa chính phủ Mali và hai liên minh, nhằm chấm dứt giai đoạn xung đột "
                              "bắt đầu bằng cuộc nổi dậy năm 2012.\n")
    assert not [c.slug for c in conflicts if c.slug.startswith("xung-dot")]


def test_a_lower_case_word_of_a_wars_name_before_its_ordinal_is_part_of_the_name() -> None:
    document = document_from_text("Năm 1860, sau Chiến tranh Varnesk phiến lần thứ hai, quân Pháp tiến vào Huế.")
    entities, mentions = find_entities(document)
    found, _ = discover_conflicts(document, entities, mentions)
    assert "chien-tranh-varnesk-phien-lan-thu-hai" in {e.slug for e in found if e.kind == "Conflict"}


def _discovered(text: str) -> dict[str, str]:
    document = document_from_text(text)
    _, mentions = discover_conflicts(document, *find_entities(document))
    return {m.text: m.entity for m in mentions}


def test_a_war_name_goes_on_over_the_lower_case_syllable_of_a_word_and_takes_the_english_name_after_its_aliases():
    found = _discovered("Khủng hoảng Kênh đào Varno, còn gọi là Chiến tranh Varno hay Cuộc xâm lược ba bên (tiếng "
                        "Anh: Varno Crisis; tiếng Pháp: Crise de Varno), là cuộc xung đột năm 1956.")
    assert found.get("Khủng hoảng Kênh đào Varno") == "varno-crisis"


def test_the_years_in_brackets_after_a_war_in_the_title_line_are_its_name_but_not_in_a_passing_mention():
    assert _discovered("Chiến tranh Varno (1841–1845)\nChiến tranh Varno (1841–1845) (tiếng Thái: x) là cuộc xung "
                       "đột.").get("Chiến tranh Varno (1841–1845)") == "chien-tranh-varno-1841-1845"
    assert "Chiến tranh Varno" in _discovered("Năm 1990 quân đội rút khỏi Chiến tranh Varno (1979–1989).")
