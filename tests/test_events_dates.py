"""Dates of events in made-up articles: which date phrase dates which event, signing against entry into force."""

from __future__ import annotations

import pytest

from extract.model import DateValue
from tests.made_up_articles import assert_told, extract, facts_of


def test_effective_date_before_the_signing_date_is_a_look_back():
    found = extract("Ngày 2 tháng 11 năm 2008, tại Moskva, Ilham Aliyev và Serzh Sargsyan ký Tuyên bố Moskva, "
                    "văn kiện đầu tiên hai nước cùng ký kể từ năm 1994.[1]\n")
    facts = facts_of(found, "declaration-2008-11-02")
    assert ("location", "moscow") in facts
    assert not [obj for predicate, obj in facts if predicate == "effectiveFrom"]


def test_signing_date_is_not_read_across_a_contrasting_clause():
    found = extract("Văn kiện kêu gọi ngừng bắn từ nửa đêm ngày 8 tháng 5 năm 1994, nhưng giao tranh chỉ chấm dứt "
                    "khi lệnh ngừng bắn có hiệu lực lúc 00:01 ngày 12 tháng 5 năm 1994.[1]\n")
    assert [e.slug for e in found.events] == ["ceasefire-1994-05-12"]
    assert not [o for p, o in facts_of(found, "ceasefire-1994-05-12") if p == "signingDate"]


def test_yearless_date_takes_the_year_its_sentence_names_before_it():
    found = extract("Ngày 5 tháng 4 năm 2016, Armenia và Azerbaijan đồng ý ngừng bắn tại Moskva.[1]\n"
                    "Sau khi Chiến tranh Nagorno-Karabakh năm 2020 bùng nổ, ngày 10 tháng 10, Armenia và Azerbaijan "
                    "đồng ý ngừng bắn nhân đạo tại Moskva.[2]\n")
    assert {e.slug for e in found.events} == {"ceasefire-2016-04-05", "ceasefire-2020-10-10"}


def test_year_of_a_named_agreement_cited_is_not_the_signing_date():
    found = extract("Ngày 6 tháng 10 năm 2022, ở Praha, Ilham Aliyev và Nikol Pashinyan gặp nhau; sau cuộc gặp, "
                    "hai nhà lãnh đạo ra tuyên bố chung xác nhận cam kết đối với Hiến chương Liên Hợp Quốc và "
                    "Tuyên bố Alma-Ata năm 1991.[1]\n")
    assert [e.slug for e in found.events] == ["declaration-2022-10-06"]
    facts = facts_of(found, "declaration-2022-10-06")
    assert ("signingDate", DateValue("2022-10-06", "date")) in facts
    assert ("signatory", "ilham-aliyev") in facts


def test_date_of_the_agreement_a_handover_follows_does_not_date_the_handover():
    found = extract("Chiến tranh Nagorno-Karabakh 2020 bắt đầu ngày 27 tháng 9 năm 2020.\n"
                    "Quận Agdam được trao trả cho Azerbaijan theo tuyên bố ba bên ký ngày 9 tháng 11 năm 2020 giữa "
                    "Ilham Aliyev, Nikol Pashinyan và Vladimir Putin.[1]\n")
    slugs = {e.slug for e in found.events}
    assert "territory-transfer-agdam" in slugs
    assert "territory-transfer-agdam-2020-11-09" not in slugs


def test_date_of_the_agreements_own_clause_beats_the_date_opening_the_sentence():
    found = extract("Ngày 13 tháng 9 năm 2022, giao tranh nổ ra dọc biên giới, và một lệnh ngừng bắn được Armenia "
                    "và Azerbaijan đồng ý ngày 14 tháng 9 năm 2022.[1]\n")
    assert [e.slug for e in found.events] == ["ceasefire-2022-09-14"]


# (text, event, facts told of it, facts not told of it), one case a behaviour.
EVENT_DATES_TOLD = [
    pytest.param("Xung đột Armenia–Azerbaijan tháng 9 năm 2022 bắt đầu ngày 13 tháng 9 năm 2022.\n"
                 "Ngày 13 tháng 9 năm 2022, giao tranh nổ ra. Ngày hôm sau, Armenia và Azerbaijan đã "
                 "đồng ý ngừng bắn từ 20:00 giờ địa phương.[1]\n",
                 "ceasefire-2022-09-14",
                 {("signingDate", DateValue("2022-09-14", "date")),
                  ("effectiveFrom", DateValue("2022-09-14T20:00:00", "dateTime"))},
                 set(),
                 id="relative_day_dates_a_ceasefire_and_its_local_start"),
    pytest.param("Ngày 26 tháng 8 năm 2022, sau khi cư dân rời đi, thành phố Lachin được chuyển giao cho "
                 "Azerbaijan.[1]\n",
                 "territory-transfer-lachin-2022-08-26",
                 {("date", DateValue("2022-08-26", "date"))},
                 set(),
                 id="date_before_a_closed_after_clause_dates_the_main_clause"),
    pytest.param("Lực lượng gìn giữ hòa bình Nga được triển khai từ năm 2020 đến năm 2024.\n"
                 "Lực lượng ghi nhận cuộc đụng độ gần làng Farukh tháng 3 năm 2022, khi quân Azerbaijan chiếm "
                 "được làng này.[1]\n",
                 "capture-farukh-2022-03",
                 {("capturedBy", "azerbaijan"), ("date", DateValue("2022-03", "gYearMonth"))},
                 set(),
                 id="date_right_before_khi_dates_the_capture_in_the_khi_clause"),
]


@pytest.mark.parametrize(("text", "event", "told", "untold"), EVENT_DATES_TOLD)
def test_event_is_told_with_the_date_its_phrase_gives(text, event, told, untold):
    assert_told(text, event, told, untold)


def test_a_yearless_month_the_story_year_puts_after_the_leads_span_takes_the_year_before():
    found = extract(
        "Chiến tranh Norland bắt đầu ngày 30 tháng 11 năm 1939 và kết thúc ngày 12 tháng 3 năm 1940.[1]\n"
        "Đầu tháng 1 năm 1940, hai sư đoàn bị bao vây.[2]\n"
        "Xa hơn về phía bắc, Sư đoàn 122 của Liên Xô chiếm làng Salla trong tháng 12.[3]\n")
    assert [e.slug for e in found.events if e.slug.startswith("capture-salla")] == ["capture-salla-1939-12"]


def test_a_year_told_in_a_relative_clause_looking_back_is_not_the_storys():
    found = extract("Ngày 5 tháng 6 năm 1967, chiến tranh bùng nổ.[1]\nCũng trong ngày 6 tháng 6, quân Israel chiếm "
                    "Latrun, vị trí mà Israel đã không thể chiếm được vào năm 1948.[2] Ở phía bắc, quân Israel chiếm "
                    "thành phố Jenin ngày 7 tháng 6.[3]\n")
    assert "capture-jenin-1967-06-07" in {e.slug for e in found.events}


@pytest.mark.parametrize(("text", "date"), [
    ("Ngày 1 tháng 5 năm 1995, quân Croatia mở Chiến dịch Varno.[2] Ngay trong ngày đầu, quân Croatia chiếm "
     "Jasenovac.[3]", "1995-05-01"),
    ("Ngày 1 tháng 5 năm 1995, quân Croatia mở Chiến dịch Varno.[2] Trong những ngày đầu tháng 6, quân Croatia "
     "chiếm Jasenovac.[3]", None),
])
def test_the_first_day_is_the_day_the_story_has_reached_not_the_first_days_of_a_month(text, date):
    found = extract("Chiến tranh Varnesk là cuộc chiến tại Croatia từ năm 1991 đến năm 1995.\n\n" + text)
    dates = {f.object.lexical for f in found.facts if f.predicate == "date"}
    assert (date in dates) if date else "1995-05-01" not in dates
