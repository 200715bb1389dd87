"""Territory transfers in made-up articles: which places change hands, from whom, to whom, planned or completed."""

from __future__ import annotations

import pytest

from extract.model import TextValue
from tests.made_up_articles import assert_told, extract, facts_of


def test_transfer_list_goes_on_after_recipient_and_deadline():
    found = extract("Theo tuyên bố, Armenia phải trao trả quận Agdam cho Azerbaijan trước ngày 20 tháng 11, "
                    "quận Kalbajar trước ngày 15 tháng 11 và quận Lachin trước ngày 1 tháng 12 năm 2020.[1]\n")
    slugs = {e.slug for e in found.events}
    assert {"territory-transfer-kalbajar-planned", "territory-transfer-lachin-planned"} <= slugs


def test_first_place_of_a_deadline_list_is_transferred_too():
    found = extract("Chiến tranh Nagorno-Karabakh 2020 bắt đầu ngày 27 tháng 9 năm 2020.\n"
                    "Theo thỏa thuận, Armenia phải giao lại quận Kalbajar cho Azerbaijan trước ngày 15 tháng 11, "
                    "quận Agdam trước ngày 20 tháng 11 và quận Lachin trước ngày 1 tháng 12 năm 2020.[1]\n")
    slugs = {e.slug for e in found.events}
    assert {f"territory-transfer-{d}-planned" for d in ("kalbajar", "agdam", "lachin")} <= slugs
    assert ("fromParty", "armenia") in facts_of(found, "territory-transfer-kalbajar-planned")


def test_subject_that_receives_a_place_is_the_recipient():
    found = extract("Ngày 20 tháng 11 năm 2020, Azerbaijan tiếp nhận quận Agdam.[1]\n")
    facts = facts_of(found, "territory-transfer-agdam-2020-11-20")
    assert ("toParty", "azerbaijan") in facts
    assert not [obj for predicate, obj in facts if predicate == "fromParty"]


def test_every_place_of_a_passive_list_subject_is_transferred():
    found = extract("Ngày 26 tháng 8 năm 2022, Lachin, Zabukh và Sus được bàn giao cho Azerbaijan.[1]\n")
    slugs = {e.slug for e in found.events}
    assert {f"territory-transfer-{p}-2022-08-26" for p in ("lachin", "zabukh", "sus")} <= slugs


def test_recipient_after_a_counted_list_receives_every_place_of_it():
    found = extract("Ngày 19 tháng 4 năm 2024, Armenia sẽ trả lại bốn làng là Baghanis Ayrum, Ashaghi Askipara, "
                    "Kheyrimli và Gizilhajili cho Azerbaijan.[1]\n")
    for village in ("baganis-ayrum", "ashaghi-askipara", "kheyrimli", "gizilhajili"):
        assert ("toParty", "azerbaijan") in facts_of(found, f"territory-transfer-{village}-planned")


def test_side_taking_over_villages_receives_them():
    found = extract("Ngày 24 tháng 5 năm 2024, Cơ quan Biên phòng Azerbaijan tiếp quản các làng Kheyrimli và "
                    "Gizilhajili.[1]\n")
    for place in ("kheyrimli", "gizilhajili"):
        facts = facts_of(found, f"territory-transfer-{place}-2024-05-24")
        assert ("toParty", "azerbaijan") in facts, place


def test_passive_handover_of_an_object_or_with_no_recipient_in_context_is_no_transfer():
    found = extract("Chiến tranh Nagorno-Karabakh 2020 bắt đầu ngày 27 tháng 9 năm 2020.\n"
                    "Armenia trao trả quận Agdam cho Azerbaijan ngày 20 tháng 11 năm 2020.[1] "
                    "Sau đó, các nguyên tắc Madrid được bàn giao ngày 25 tháng 11 năm 2020.[2]\n"
                    "Quân đội Armenia rút khỏi vùng này.\n"
                    "Một năm sau, giao tranh tiếp diễn.\n"
                    "Quận Kalbajar được bàn giao ngày 25 tháng 11 năm 2021.[3]\n")
    slugs = {e.slug for e in found.events}
    assert not [slug for slug in slugs if "madrid" in slug or "kalbajar" in slug]


def test_withdrawing_troops_from_a_place_gives_it_away():
    found = extract("Ngày 20 tháng 11 năm 2020, quân Armenia rút quân khỏi Agdam và giao lại quận cho Azerbaijan.[1]\n")
    transfer = [e.slug for e in found.events if e.kind == "TerritoryTransfer"]
    assert transfer and ("fromParty", "armenia") in facts_of(found, transfer[0])


def test_hand_over_takes_the_date_its_sentence_gives_the_completion():
    found = extract("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                    "Armenia trả lại cho Azerbaijan làng Vardenik, trong khi Azerbaijan trao trả làng Kelbajar cho "
                    "Armenia; việc rút quân hoàn tất đúng hạn, vào ngày 3 tháng 6 năm 1994.[1]\n")
    assert ("toParty", "azerbaijan") in facts_of(found, "territory-transfer-vardenik-1994-06-03")
    assert ("toParty", "armenia") in facts_of(found, "territory-transfer-kalbajar-1994-06-03")


def test_retreat_from_a_town_its_sentence_tells_taken_is_no_hand_over():
    found = extract("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                    "Ngày 3 tháng 4 năm 1993, Vardenik thất thủ, và Azerbaijan xác nhận đã rút quân khỏi thị trấn "
                    "Vardenik.[1]\n")
    assert [e.kind for e in found.events] == ["Capture"]


# (text, transfer, facts told of it, facts not told of it), one case a behaviour.
TRANSFERS_TOLD = [
    pytest.param("Ngày 25 tháng 11 năm 2020, Armenia hoàn tất việc trao trả quận Kalbajar cho Azerbaijan.[1]\n",
                 "territory-transfer-kalbajar-2020-11-25",
                 {("fromParty", "armenia"), ("toParty", "azerbaijan")},
                 set(),
                 id="completing_a_hand_over_is_a_transfer_from_the_subject"),
    pytest.param("Ngày 2 tháng 10 năm 2023, các quan chức của Artsakh bàn giao Stepanakert cho Azerbaijan.[1]\n",
                 "territory-transfer-stepanakert-2023-10-02",
                 {("fromParty", "artsakh")},
                 set(),
                 id="giver_named_after_cua_is_a_side"),
    pytest.param("Chiến tranh Nagorno-Karabakh 2020 bắt đầu ngày 27 tháng 9 năm 2020.\n"
                 "Quận Lachin được trao lại cho Azerbaijan ngày 1 tháng 12 năm 2020, "
                 "muộn hai ngày so với dự kiến.\n",
                 "territory-transfer-lachin-2020-12-01",
                 {("status", TextValue("Completed")), ("toParty", "azerbaijan")},
                 set(),
                 id="handover_later_than_planned_is_completed"),
    pytest.param("Chiến tranh Nagorno-Karabakh 2020 bắt đầu ngày 27 tháng 9 năm 2020.\n"
                 "Armenia trao trả quận Agdam cho Azerbaijan ngày 20 tháng 11 năm 2020.[1] "
                 "Quận Kalbajar được bàn giao ngày 25 tháng 11 năm 2020.[2]\n",
                 "territory-transfer-kalbajar-2020-11-25",
                 {("toParty", "azerbaijan"), ("status", TextValue("Completed"))},
                 set(),
                 id="passive_handover_with_no_side_takes_the_recipient_told_before_in_context"),
]


@pytest.mark.parametrize(("text", "transfer", "told", "untold"), TRANSFERS_TOLD)
def test_hand_over_is_told_with_its_giver_recipient_and_status(text, transfer, told, untold):
    assert_told(text, transfer, told, untold)


def test_a_retreat_under_no_agreement_that_hands_the_place_to_no_one_is_no_transfer():
    found = extract("Chiến tranh Đông Dương là một cuộc chiến giữa Pháp và Việt Nam.\n"
                    "Cuối năm 1947, quân Pháp rút khỏi Bắc Kạn.[1] Theo thỏa thuận, năm 1954 quân Pháp rút khỏi "
                    "Hà Nội.[2]\n")
    assert [e.slug for e in found.events if e.kind == "TerritoryTransfer"] == ["territory-transfer-hanoi-1954"]


def test_a_cession_told_as_done_after_a_forced_acceptance_is_completed():
    found = extract("Chiến tranh Transnistria là cuộc xung đột giữa Moldova và Transnistria.\n"
                    "Năm 1940, Moldova buộc phải chấp nhận tối hậu thư của Moskva và ngày 28 tháng 6 năm 1940 "
                    "nhượng Bessarabia cho Liên Xô.[1] Ukraina sẽ nhượng Crimea cho Nga.[2]\n")
    assert ("status", TextValue("Completed")) in facts_of(found, "territory-transfer-bessarabia-1940-06-28")
    assert ("toParty", "soviet-union") in facts_of(found, "territory-transfer-bessarabia-1940-06-28")
    assert ("status", TextValue("Planned")) in facts_of(found, "territory-transfer-crimea-planned")


def test_an_annexation_into_a_state_gives_the_territory_to_that_state():
    found = extract("Cuộc chiếm đóng Đông Timor của Indonesia là giai đoạn từ năm 1975 đến năm 1999.\n"
                    "Ngày 17 tháng 7 năm 1976, Tổng thống Suharto ký luật sáp nhập Timor vào Indonesia.[1]\n")
    assert ("toParty", "indonesia") in facts_of(found, "territory-transfer-timor-1976-07-17")


def test_a_counted_list_of_places_announced_before_it_is_transferred_place_by_place():
    found = extract("Chiến tranh Varnesk là cuộc chiến giữa Pháp và Việt Nam từ năm 1858 đến năm 1862.\n\n"
                    "Ngày 5 tháng 6 năm 1862, Việt Nam nhượng cho Pháp ba tỉnh miền Đông Nam Kỳ là Biên Hòa, "
                    "Định Tường cùng đảo Côn Lôn.[1]")
    territories = {f.object for f in found.facts if f.predicate == "territory"}
    assert {"bien-hoa", "dinh-tuong", "con-lon"} <= territories


def test_a_convention_is_signed_and_an_annexation_told_under_it_takes_its_date():
    found = extract("Chiến tranh Varnesk là cuộc chiến giữa Peru và Chile từ năm 1975 đến năm 1991.\n\n"
                    "Ngày 14 tháng 4 năm 1976, Peru và Chile ký tại Lima một công ước phân định biên giới.[1] "
                    "Theo công ước này, Peru sáp nhập vùng Arica.[2]")
    assert ("signatory", "chile") in facts_of(found, "agreement-1976-04-14")
    assert ("toParty", "peru") in facts_of(found, "territory-transfer-arica-1976-04-14")
