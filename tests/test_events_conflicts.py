"""Events and their conflict in made-up articles: which war an event is part of, by paragraph, name, year and days."""

from __future__ import annotations

import pytest

from extract.model import DateValue
from tests.made_up_articles import assert_told, extract, facts_of


def test_war_named_only_as_background_in_the_lead_is_not_the_main_conflict():
    found = extract("Tiến trình hòa bình giai đoạn 2022–2024 là các cuộc đàm phán sau Chiến tranh Nagorno-Karabakh "
                    "2020.[1]\n"
                    "Ngày 24 tháng 5 năm 2024, làng Kheyrimli được bàn giao cho Azerbaijan.[2]\n")
    facts = facts_of(found, "territory-transfer-kheyrimli-2024-05-24")
    assert ("date", DateValue("2024-05-24", "date")) in facts
    assert not [obj for predicate, obj in facts if predicate == "partOfConflict"]


def test_event_belongs_to_the_war_its_paragraph_places_it_in():
    found = extract("Tiến trình hòa bình là chuỗi các nỗ lực nhằm giải quyết xung đột Nagorno-Karabakh.\n"
                    "Ngày 5 tháng 5 năm 1994, trong giai đoạn cuối của Chiến tranh Nagorno-Karabakh thứ nhất, "
                    "Armenia và Azerbaijan ký Nghị định thư Bishkek tại Bishkek.[1]\n"
                    "Ngày 2 tháng 11 năm 2008, Ilham Aliyev và Serzh Sargsyan ký Tuyên bố Meiendorf.[2]\n")
    assert ("partOfConflict", "first-nagorno-karabakh-war") in facts_of(found, "protocol-1994-05-05")
    assert not [o for p, o in facts_of(found, "declaration-2008-11-02") if p == "partOfConflict"]


def test_conflict_outside_the_events_years_is_not_its_conflict():
    found = extract("Trong Chiến tranh Nagorno-Karabakh thứ nhất, lực lượng Armenia chiếm được Lachin ngày 18 "
                    "tháng 5 năm 1992.[1]\n"
                    "Ngày 1 tháng 12 năm 2020, quận Lachin được trao trả cho Azerbaijan.[2]\n")
    assert ("partOfConflict", "first-nagorno-karabakh-war") in facts_of(found, "capture-lachin-1992-05-18")
    # The hand-over is not the first war's; it carries out the 2020 armistice (the gazetteer's terms_until).
    conflicts = {o for p, o in facts_of(found, "territory-transfer-lachin-2020-12-01") if p == "partOfConflict"}
    assert conflicts == {"2020-nagorno-karabakh-war"}


def test_event_outside_every_conflicts_days_takes_no_conflict():
    found = extract("Quận Kalbajar là một quận của Azerbaijan.\n"
                    "Ngày 3 tháng 4 năm 2021, quân Armenia chiếm được Kalbajar.[1]\n")
    assert not [o for p, o in facts_of(found, "capture-kalbajar-2021-04-03") if p == "partOfConflict"]


def test_handover_after_the_war_under_its_armistice_belongs_to_the_war_but_a_capture_does_not():
    found = extract("Quận Kalbajar là một quận của Azerbaijan.\n"
                    "Ngày 25 tháng 11 năm 2020, Kalbajar được bàn giao cho Azerbaijan.[1] "
                    "Ngày 26 tháng 11 năm 2020, quân Azerbaijan chiếm được Talish.[2]\n")
    transfer = [e.slug for e in found.events if e.kind == "TerritoryTransfer"]
    assert transfer and ("partOfConflict", "2020-nagorno-karabakh-war") in facts_of(found, transfer[0])
    assert not [o for p, o in facts_of(found, "capture-talish-2020-11-26") if p == "partOfConflict"]


def test_a_known_war_whose_sides_the_article_never_names_is_not_placed_by_its_dates():
    found = extract("Ngày 14 tháng 6 năm 1992, Argentina và Vương quốc Anh ký một thỏa thuận tại Madrid.[1]\n")
    assert not [f for f in found.facts if f.predicate == "partOfConflict"]


# (text, event, facts told of it, facts not told of it), one case a behaviour.
CONFLICTS_TOLD = [
    pytest.param("Chiến tranh Nagorno-Karabakh 2020 kéo dài từ ngày 27 tháng 9 năm 2020 đến ngày 10 tháng 11 "
                 "năm 2022.\n"
                 "Giao tranh bùng phát trong cuộc xung đột Armenia–Azerbaijan tháng 9 năm 2022. Một lệnh ngừng "
                 "bắn do Nga làm trung gian được công bố ngày 13 tháng 9 năm 2022.[1]\n",
                 "ceasefire-2022-09-13",
                 {("partOfConflict", "september-2022-armenia-azerbaijan-clashes")},
                 {("partOfConflict", "2020-nagorno-karabakh-war")},
                 id="event_belongs_to_the_conflict_named_with_its_year_in_its_paragraph"),
    pytest.param("Tiến trình hòa bình là chuỗi các nỗ lực nhằm giải quyết xung đột Nagorno-Karabakh.\n"
                 "Ngày 27 tháng 9 năm 2020, Chiến tranh Nagorno-Karabakh 2020 bùng nổ.[1]\n"
                 "Ngày 1 tháng 12 năm 2020, quận Lachin được bàn giao cho Azerbaijan.[2]\n",
                 "territory-transfer-lachin-2020-12-01",
                 {("partOfConflict", "2020-nagorno-karabakh-war")},
                 set(),
                 id="war_named_with_a_year_holds_events_of_that_year_in_later_paragraphs"),
    pytest.param("Xung đột Nagorno-Karabakh kéo dài nhiều thập kỷ.\n"
                 "Lệnh ngừng bắn có hiệu lực từ 00:01 ngày 12 tháng 5 năm 1994, chấm dứt Chiến tranh "
                 "Nagorno-Karabakh thứ nhất.[1]\n",
                 "ceasefire-1994-05-12",
                 {("partOfConflict", "first-nagorno-karabakh-war")},
                 set(),
                 id="agreement_ending_a_war_named_in_its_sentence_is_part_of_that_war"),
    pytest.param("Quận Kalbajar là một quận của Azerbaijan.\n"
                 "Ngày 3 tháng 4 năm 1993, quân Armenia chiếm được Kalbajar.[1]\n",
                 "capture-kalbajar-1993-04-03",
                 {("partOfConflict", "first-nagorno-karabakh-war")},
                 set(),
                 id="event_in_an_article_naming_no_conflict_takes_the_conflict_whose_days_hold_its_date"),
    pytest.param("Khởi nghĩa Bạch Thạch (1702–1709) là cuộc khởi nghĩa của dân vùng núi Bạch Thạch chống quân "
                 "Tần.[1]\n"
                 "Tháng 4 năm 1705, nghĩa quân chiếm được thành Kỳ Dương.[2]\n",
                 "capture-ky-duong-1705-04",
                 {("partOfConflict", "khoi-nghia-bach-thach")},
                 set(),
                 id="uprising_named_by_the_lead_is_the_main_conflict"),
]


@pytest.mark.parametrize(("text", "event", "told", "untold"), CONFLICTS_TOLD)
def test_event_is_told_as_part_of_its_conflict(text, event, told, untold):
    assert_told(text, event, told, untold)


def test_latin_letters_after_another_languages_name_are_its_romanisation_not_an_english_name():
    found = extract("Chiến tranh Varo (tiếng Hebrew: מלחמת ששת הימים, Milhemet Sheshet HaYamim; tiếng Ả Rập: النكسة, "
                    "an-Naksah) là cuộc xung đột vũ trang năm 1967 giữa Israel và Ai Cập.[1] Ngày 7 tháng 6 năm 1967, "
                    "quân Israel chiếm Nablus.[2]\n")
    assert ("partOfConflict", "chien-tranh-varo") in facts_of(found, "capture-nablus-1967-06-07")
