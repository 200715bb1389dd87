"""Names and coreference in made-up articles: surnames, bare nouns, pronouns and demonstratives resolved."""

from __future__ import annotations

import pytest

from extract.model import TextValue
from tests.made_up_articles import assert_told, extract, facts_of


def test_hai_nha_lanh_dao_stands_for_the_leaders_named_before_not_the_mediator():
    found = extract("Ngày 7 tháng 5 năm 1992, Tổng thống Armenia Levon Ter-Petrosyan và Tổng thống Azerbaijan "
                    "Ayaz Mutallibov gặp nhau tại Tehran với sự trung gian của Tổng thống Iran Akbar Hashemi "
                    "Rafsanjani.[1] Cùng ngày, hai nhà lãnh đạo ký một thông cáo chung.[1]\n")
    facts = facts_of(found, "declaration-1992-05-07")
    assert {o for p, o in facts if p == "signatory"} == {"levon-ter-petrosyan", "ayaz-mutallibov"}


def test_capitalised_word_heading_a_vietnamese_name_is_not_a_place():
    found = extract("Ngày 8 tháng 8 năm 2025, tại Nhà Trắng ở Washington, hai nhà lãnh đạo gặp nhau.[1]\n")
    assert "nha" not in {e.slug for e in found.entities}


def test_surname_shared_by_two_people_is_the_one_named_last():
    found = extract("Năm 2001, Heydar Aliyev gặp Robert Kocharyan.[1] Năm 2008, Ilham Aliyev gặp Serzh "
                    "Sargsyan.[2] Năm 2011, Aliyev và Sargsyan gặp nhau tại Kazan.[3]\n")
    last = [m for m in found.mentions if m.text == "Aliyev"]
    assert [m.entity for m in last] == ["ilham-aliyev"]


def test_bare_city_before_a_time_word_is_the_city_told_before():
    found = extract("Ngày 1 tháng 5 năm 2020, Azerbaijan chiếm được Shusha, thành phố lớn thứ hai. Ngày 2 tháng 5 năm "
                    "2020, thành phố sau nhiều ngày giao tranh được trao trả cho Armenia.[1]\n")
    transfers = [e.slug for e in found.events if e.kind == "TerritoryTransfer"]
    assert len(transfers) == 1
    assert ("territory", "shusha") in facts_of(found, transfers[0])


def test_two_leaders_after_a_host_receiving_guests_are_the_guests():
    found = extract("Ngày 11 tháng 1 năm 2021, Vladimir Putin tiếp Ilham Aliyev và Nikol Pashinyan tại Moskva, "
                    "cùng với Phó Thủ tướng Nga Alexei Overchuk; hai nhà lãnh đạo ký một tuyên bố chung.[1]\n")
    signatories = {obj for predicate, obj in facts_of(found, "declaration-2021-01-11") if predicate == "signatory"}
    assert signatories == {"ilham-aliyev", "nikol-pashinyan"}


def test_two_leaders_after_the_sides_meet_a_third_party_are_the_sides():
    found = extract("Ngày 6 tháng 10 năm 2022, ở Praha, Ilham Aliyev và Nikol Pashinyan gặp Tổng thống Pháp Emmanuel "
                    "Macron cùng Chủ tịch Hội đồng châu Âu Charles Michel; sau cuộc gặp, hai nhà lãnh đạo ra tuyên "
                    "bố chung.[1]\n")
    signatories = {obj for predicate, obj in facts_of(found, "declaration-2022-10-06") if predicate == "signatory"}
    assert signatories == {"ilham-aliyev", "nikol-pashinyan"}


def test_this_country_joined_to_a_name_stands_for_the_country_before_that_name():
    found = extract("Ngày 4 tháng 4 năm 2016, Armenia tuyên bố sẵn sàng đàm phán. Ngày 5 tháng 4 năm 2016, "
                    "Azerbaijan và nước này đồng ý ngừng bắn.[1]\n")
    parties = {o for p, o in facts_of(found, "ceasefire-2016-04-05") if p == "party"}
    assert parties == {"azerbaijan", "armenia"}


def test_demonstrative_with_nothing_of_its_kind_before_it_names_no_one():
    found = extract("Ngày 5 tháng 4 năm 2016, một lệnh ngừng bắn với sự trung gian của lực lượng này có hiệu lực "
                    "giữa Armenia và Azerbaijan.[1]\n")
    assert not any(p == "mediator" for p, _ in facts_of(found, "ceasefire-2016-04-05"))


def test_a_country_name_that_begins_a_town_name_is_the_town_and_also_taken_reuses_the_taker():
    found = extract("Ở phía tây, quân Trung Quốc chiếm thị xã Lào Cai ngày 19 tháng 2 năm 1979; sáu ngày sau, "
                    "thị xã Cam Đường cũng bị chiếm.[1]\n")
    assert ("capturedBy", "china") in facts_of(found, "capture-lao-cai-1979-02-19")
    assert ("capturedBy", "china") in facts_of(found, "capture-cam-duong-1979-02-25")
    assert "laos" not in {m.entity for m in found.mentions}


# (text, event, facts told of it, facts not told of it), one case a behaviour.
RESOLVED_NAMES_TOLD = [
    pytest.param("Giao tranh diễn ra quanh thị trấn Askeran.[1] Ngày 19 tháng 9 năm 2023, Bộ Quốc phòng "
                 "Azerbaijan tuyên bố quân Azerbaijan đã chiếm được thị trấn cùng nhiều vị trí.[2]\n",
                 "capture-askeran-2023-09-19",
                 {("capturedBy", "azerbaijan"), ("status", TextValue("Claimed"))},
                 set(),
                 id="bare_town_noun_followed_by_cung_refers_back_to_the_town"),
    pytest.param("Ngày 4 tháng 5 năm 1994, chủ tịch quốc hội của Armenia, Azerbaijan và Artsakh đến Bishkek.[1] "
                 "Ngày hôm sau, họ ký Nghị định thư Bishkek với sự trung gian của Nga.[2]\n",
                 "protocol-1994-05-05",
                 {("signatory", "armenia"),
                  ("signatory", "azerbaijan"),
                  ("signatory", "artsakh"),
                  ("location", "bishkek")},
                 set(),
                 id="plural_pronoun_stands_for_the_sides_of_the_sentence_before"),
    pytest.param("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                 "Ngày 8 tháng 5 năm 1992, quân Armenia tấn công Shusha. "
                 "Thị trấn thất thủ ngày 9 tháng 5 năm 1992.\n",
                 "capture-shusha-1992-05-09",
                 {("territory", "shusha")},
                 set(),
                 id="bare_head_noun_before_a_fall_stands_for_the_place_told_before"),
    pytest.param("Ngày 20 tháng 9 năm 2023, một thỏa thuận ngừng bắn giữa Azerbaijan và Artsakh đạt được tại sở "
                 "chỉ huy của lực lượng gìn giữ hòa bình Nga, với sự trung gian của lực lượng này.[1]\n",
                 "ceasefire-2023-09-20",
                 {("mediator", "russian-peacekeeping-forces-in-nagorno-karabakh")},
                 {("mediator", "russia")},
                 id="this_force_as_mediator_is_the_organisation_named_before_it"),
    pytest.param("Ngày 19 tháng 9 năm 2023, Azerbaijan mở chiến dịch quân sự tại Nagorno-Karabakh. Ngày 20 tháng 9 "
                 "năm 2023, nước này ký một thỏa thuận ngừng bắn với Artsakh.[1]\n",
                 "ceasefire-2023-09-20",
                 {("signatory", "azerbaijan")},
                 set(),
                 id="this_country_as_signatory_is_the_last_country_named_in_the_paragraph"),
]


@pytest.mark.parametrize(("text", "event", "told", "untold"), RESOLVED_NAMES_TOLD)
def test_event_is_told_with_the_name_a_reference_stands_for(text, event, told, untold):
    assert_told(text, event, told, untold)
