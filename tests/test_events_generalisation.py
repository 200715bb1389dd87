"""Unit tests of the rules added after scoring unseen articles (tests/articles/gen-*): one made-up text per rule."""

from __future__ import annotations

from extract.model import DateValue, TextValue
from extract.pipeline import extract_article


def extract(text: str):
    """Run the whole pipeline over a made-up article."""
    return extract_article("made-up.txt", text=text, doc_id="made-up")


def facts_of(extraction, subject: str) -> set[tuple[str, object]]:
    return {(f.predicate, f.object) for f in extraction.facts if f.subject == subject}


def test_place_falling_into_a_sides_hands_is_captured_by_that_side():
    found = extract("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                    "Đến cuối tháng 10 năm 1993, Zangilan cũng rơi vào tay lực lượng Armenia.[1]\n")
    facts = facts_of(found, "capture-zangilan-1993-10")
    assert ("capturedBy", "armenia") in facts
    assert ("status", TextValue("Confirmed")) in facts


def test_claim_admitted_by_the_other_side_is_confirmed():
    found = extract("Chiến tranh Nagorno-Karabakh 2020 bắt đầu ngày 27 tháng 9 năm 2020.\n"
                    "Ngày 8 tháng 11 năm 2020, Aliyev tuyên bố quân đội Azerbaijan đã chiếm được Shusha; hai ngày "
                    "sau, chính quyền Artsakh thừa nhận đã mất quyền kiểm soát thành phố.[1]\n")
    assert ("status", TextValue("Confirmed")) in facts_of(found, "capture-shusha-2020-11-08")


def test_undated_passive_signing_adds_signers_to_the_agreement_told_before():
    found = extract("Nghị định thư Bishkek được ký kết ngày 5 tháng 5 năm 1994 tại Bishkek.[1] "
                    "Nghị định thư được ký bởi Chủ tịch Quốc hội Armenia Babken Ararktsyan.[2]\n")
    assert [e.slug for e in found.events] == ["protocol-1994-05-05"]
    assert ("signatory", "babken-ararktsyan") in facts_of(found, "protocol-1994-05-05")


def test_signers_between_duoc_and_ky_are_signatories():
    found = extract("Một thỏa thuận ngừng bắn do Nga làm trung gian đã được Bộ trưởng Quốc phòng Armenia Serzh "
                    "Sargsyan ký ngày 12 tháng 5 năm 1994.[1]\n")
    assert ("signatory", "serzh-sargsyan") in facts_of(found, "ceasefire-1994-05-12")


def test_effective_date_before_the_signing_date_is_a_look_back():
    found = extract("Ngày 2 tháng 11 năm 2008, tại Moskva, Ilham Aliyev và Serzh Sargsyan ký Tuyên bố Moskva, "
                    "văn kiện đầu tiên hai nước cùng ký kể từ năm 1994.[1]\n")
    facts = facts_of(found, "declaration-2008-11-02")
    assert ("location", "moscow") in facts
    assert not [obj for predicate, obj in facts if predicate == "effectiveFrom"]


def test_event_belongs_to_the_conflict_named_with_its_year_in_its_paragraph():
    found = extract("Chiến tranh Nagorno-Karabakh 2020 kéo dài từ ngày 27 tháng 9 năm 2020 đến ngày 10 tháng 11 "
                    "năm 2022.\n"
                    "Giao tranh bùng phát trong cuộc xung đột Armenia–Azerbaijan tháng 9 năm 2022. Một lệnh ngừng "
                    "bắn do Nga làm trung gian được công bố ngày 13 tháng 9 năm 2022.[1]\n")
    facts = facts_of(found, "ceasefire-2022-09-13")
    assert ("partOfConflict", "september-2022-armenia-azerbaijan-clashes") in facts
    assert ("partOfConflict", "2020-nagorno-karabakh-war") not in facts


def test_war_named_only_as_background_in_the_lead_is_not_the_main_conflict():
    found = extract("Tiến trình hòa bình giai đoạn 2022–2024 là các cuộc đàm phán sau Chiến tranh Nagorno-Karabakh "
                    "2020.[1]\n"
                    "Ngày 24 tháng 5 năm 2024, làng Kheyrimli được bàn giao cho Azerbaijan.[2]\n")
    facts = facts_of(found, "territory-transfer-kheyrimli-2024-05-24")
    assert ("date", DateValue("2024-05-24", "date")) in facts
    assert not [obj for predicate, obj in facts if predicate == "partOfConflict"]



def test_relative_day_dates_a_ceasefire_and_its_local_start():
    found = extract("Xung đột Armenia–Azerbaijan tháng 9 năm 2022 bắt đầu ngày 13 tháng 9 năm 2022.\n"
                    "Ngày 13 tháng 9 năm 2022, giao tranh nổ ra. Ngày hôm sau, Armenia và Azerbaijan đã "
                    "đồng ý ngừng bắn từ 20:00 giờ địa phương.[1]\n")
    facts = facts_of(found, "ceasefire-2022-09-14")
    assert ("signingDate", DateValue("2022-09-14", "date")) in facts
    assert ("effectiveFrom", DateValue("2022-09-14T20:00:00", "dateTime")) in facts


def test_hai_nha_lanh_dao_stands_for_the_leaders_named_before_not_the_mediator():
    found = extract("Ngày 7 tháng 5 năm 1992, Tổng thống Armenia Levon Ter-Petrosyan và Tổng thống Azerbaijan "
                    "Ayaz Mutallibov gặp nhau tại Tehran với sự trung gian của Tổng thống Iran Akbar Hashemi "
                    "Rafsanjani.[1] Cùng ngày, hai nhà lãnh đạo ký một thông cáo chung.[1]\n")
    facts = facts_of(found, "declaration-1992-05-07")
    assert {o for p, o in facts if p == "signatory"} == {"levon-ter-petrosyan", "ayaz-mutallibov"}


def test_agreement_takes_date_place_and_mediators_from_the_sentence_setting_it():
    found = extract("Ngày 26 tháng 11 năm 2021, Tổng thống Nga Vladimir Putin tiếp Tổng thống Azerbaijan Ilham "
                    "Aliyev và Thủ tướng Armenia Nikol Pashinyan tại Sochi.[1] Ba nhà lãnh đạo ra một tuyên bố "
                    "chung về biên giới.[1]\n")
    facts = facts_of(found, "declaration-2021-11-26")
    assert ("location", "sochi") in facts
    assert {o for p, o in facts if p == "signatory"} == {"vladimir-putin", "ilham-aliyev", "nikol-pashinyan"}


def test_declaration_whose_content_is_a_ceasefire_is_one_ceasefire():
    found = extract("Ngày 10 tháng 10 năm 2020, Lavrov đọc tuyên bố chung, theo đó Armenia và Azerbaijan đồng ý "
                    "ngừng bắn nhân đạo.[1]\n")
    assert [e.kind for e in found.events] == ["Ceasefire"]


def test_agreement_named_by_its_year_refers_to_the_one_told_before():
    found = extract("Ngày 19 tháng 9 năm 1992, tại Sochi, Armenia và Azerbaijan đồng ý một thỏa thuận ngừng bắn.[1] "
                    "Lệnh ngừng bắn năm 1992 không được tôn trọng.[2]\n")
    assert [e.slug for e in found.events] == ["ceasefire-1992-09-19"]


def test_later_signature_elsewhere_keeps_the_agreements_place():
    found = extract("Nghị định thư Bishkek được ký kết ngày 5 tháng 5 năm 1994 tại Bishkek.[1] "
                    "Chủ tịch Quốc hội Azerbaijan, Rasul Guliyev, chỉ ký văn kiện vài ngày sau đó tại Baku.[2]\n")
    locations = {o for p, o in facts_of(found, "protocol-1994-05-05") if p == "location"}
    assert locations == {"bishkek"}


def test_transfer_list_goes_on_after_recipient_and_deadline():
    found = extract("Theo tuyên bố, Armenia phải trao trả quận Agdam cho Azerbaijan trước ngày 20 tháng 11, "
                    "quận Kalbajar trước ngày 15 tháng 11 và quận Lachin trước ngày 1 tháng 12 năm 2020.[1]\n")
    slugs = {e.slug for e in found.events}
    assert {"territory-transfer-kalbajar-planned", "territory-transfer-lachin-planned"} <= slugs


def test_capitalised_word_heading_a_vietnamese_name_is_not_a_place():
    found = extract("Ngày 8 tháng 8 năm 2025, tại Nhà Trắng ở Washington, hai nhà lãnh đạo gặp nhau.[1]\n")
    assert "nha" not in {e.slug for e in found.entities}


# ---------------------------------------------------------------- round 3 (tests/articles/gen3-*)


def test_first_place_of_a_deadline_list_is_transferred_too():
    found = extract("Chiến tranh Nagorno-Karabakh 2020 bắt đầu ngày 27 tháng 9 năm 2020.\n"
                    "Theo thỏa thuận, Armenia phải giao lại quận Kalbajar cho Azerbaijan trước ngày 15 tháng 11, "
                    "quận Agdam trước ngày 20 tháng 11 và quận Lachin trước ngày 1 tháng 12 năm 2020.[1]\n")
    slugs = {e.slug for e in found.events}
    assert {f"territory-transfer-{d}-planned" for d in ("kalbajar", "agdam", "lachin")} <= slugs
    assert ("fromParty", "armenia") in facts_of(found, "territory-transfer-kalbajar-planned")


def test_completing_a_hand_over_is_a_transfer_from_the_subject():
    found = extract("Ngày 25 tháng 11 năm 2020, Armenia hoàn tất việc trao trả quận Kalbajar cho Azerbaijan.[1]\n")
    facts = facts_of(found, "territory-transfer-kalbajar-2020-11-25")
    assert {("fromParty", "armenia"), ("toParty", "azerbaijan")} <= facts


def test_subject_that_receives_a_place_is_the_recipient():
    found = extract("Ngày 20 tháng 11 năm 2020, Azerbaijan tiếp nhận quận Agdam.[1]\n")
    facts = facts_of(found, "territory-transfer-agdam-2020-11-20")
    assert ("toParty", "azerbaijan") in facts
    assert not [obj for predicate, obj in facts if predicate == "fromParty"]


def test_every_place_of_a_passive_list_subject_is_transferred():
    found = extract("Ngày 26 tháng 8 năm 2022, Lachin, Zabukh và Sus được bàn giao cho Azerbaijan.[1]\n")
    slugs = {e.slug for e in found.events}
    assert {f"territory-transfer-{p}-2022-08-26" for p in ("lachin", "zabukh", "sus")} <= slugs


def test_giver_named_after_cua_is_a_side():
    found = extract("Ngày 2 tháng 10 năm 2023, các quan chức của Artsakh bàn giao Stepanakert cho Azerbaijan.[1]\n")
    assert ("fromParty", "artsakh") in facts_of(found, "territory-transfer-stepanakert-2023-10-02")


def test_bare_town_noun_followed_by_cung_refers_back_to_the_town():
    found = extract("Giao tranh diễn ra quanh thị trấn Askeran.[1] Ngày 19 tháng 9 năm 2023, Bộ Quốc phòng "
                    "Azerbaijan tuyên bố quân Azerbaijan đã chiếm được thị trấn cùng nhiều vị trí.[2]\n")
    facts = facts_of(found, "capture-askeran-2023-09-19")
    assert {("capturedBy", "azerbaijan"), ("status", TextValue("Claimed"))} <= facts


def test_accepting_a_ceasefire_proposal_makes_its_proposer_the_mediator():
    found = extract("Ngày 20 tháng 9 năm 2023, chính quyền Artsakh chấp nhận đề nghị ngừng bắn do bộ chỉ huy lực "
                    "lượng gìn giữ hòa bình Nga đưa ra.[1] Thỏa thuận ngừng bắn giữa Artsakh và Azerbaijan có "
                    "hiệu lực từ 13:00 giờ địa phương (UTC+4) cùng ngày.[2]\n")
    facts = facts_of(found, "ceasefire-2023-09-20")
    assert ("mediator", "russian-peacekeeping-forces-in-nagorno-karabakh") in facts
    assert {("party", "artsakh"), ("party", "azerbaijan")} <= facts
    assert ("effectiveFrom", DateValue("2023-09-20T13:00:00+04:00", "dateTime")) in facts


def test_signing_date_is_not_read_across_a_contrasting_clause():
    found = extract("Văn kiện kêu gọi ngừng bắn từ nửa đêm ngày 8 tháng 5 năm 1994, nhưng giao tranh chỉ chấm dứt "
                    "khi lệnh ngừng bắn có hiệu lực lúc 00:01 ngày 12 tháng 5 năm 1994.[1]\n")
    assert [e.slug for e in found.events] == ["ceasefire-1994-05-12"]
    assert not [o for p, o in facts_of(found, "ceasefire-1994-05-12") if p == "signingDate"]


def test_place_after_a_landmark_near_it_is_the_signing_place():
    found = extract("Ngày 2 tháng 11 năm 2008, tại lâu đài Meiendorf gần Moskva, Ilham Aliyev và Serzh Sargsyan "
                    "ký Tuyên bố Meiendorf.[1]\n")
    assert ("location", "moscow") in facts_of(found, "declaration-2008-11-02")


def test_peace_agreement_and_declaration_of_one_day_stay_apart():
    found = extract("Ngày 8 tháng 8 năm 2025, Ilham Aliyev và Nikol Pashinyan ký tắt văn bản hiệp định hòa bình "
                    "giữa Armenia và Azerbaijan trước sự chứng kiến của Donald Trump.[1] Cùng ngày, Aliyev, "
                    "Pashinyan và Trump ký một tuyên bố chung.[2]\n")
    agreement = facts_of(found, "agreement-2025-08-08")
    assert {("party", "armenia"), ("mediator", "donald-trump"), ("signatory", "ilham-aliyev")} <= agreement
    declaration = facts_of(found, "declaration-2025-08-08")
    assert ("signatory", "donald-trump") in declaration
    assert ("party", "armenia") not in declaration


def test_surname_shared_by_two_people_is_the_one_named_last():
    found = extract("Năm 2001, Heydar Aliyev gặp Robert Kocharyan.[1] Năm 2008, Ilham Aliyev gặp Serzh "
                    "Sargsyan.[2] Năm 2011, Aliyev và Sargsyan gặp nhau tại Kazan.[3]\n")
    last = [m for m in found.mentions if m.text == "Aliyev"]
    assert [m.entity for m in last] == ["ilham-aliyev"]


def test_purpose_clause_signs_nothing():
    found = extract("Ngày 24 tháng 6 năm 2011, Aliyev và Sargsyan gặp nhau tại Kazan theo lời mời của Dmitry "
                    "Medvedev để thông qua văn kiện về các nguyên tắc cơ bản.[1]\n")
    assert not found.events


def test_event_belongs_to_the_war_its_paragraph_places_it_in():
    found = extract("Tiến trình hòa bình là chuỗi các nỗ lực nhằm giải quyết xung đột Nagorno-Karabakh.\n"
                    "Ngày 5 tháng 5 năm 1994, trong giai đoạn cuối của Chiến tranh Nagorno-Karabakh thứ nhất, "
                    "Armenia và Azerbaijan ký Nghị định thư Bishkek tại Bishkek.[1]\n"
                    "Ngày 2 tháng 11 năm 2008, Ilham Aliyev và Serzh Sargsyan ký Tuyên bố Meiendorf.[2]\n")
    assert ("partOfConflict", "first-nagorno-karabakh-war") in facts_of(found, "protocol-1994-05-05")
    assert not [o for p, o in facts_of(found, "declaration-2008-11-02") if p == "partOfConflict"]


def test_war_named_with_a_year_holds_events_of_that_year_in_later_paragraphs():
    found = extract("Tiến trình hòa bình là chuỗi các nỗ lực nhằm giải quyết xung đột Nagorno-Karabakh.\n"
                    "Ngày 27 tháng 9 năm 2020, Chiến tranh Nagorno-Karabakh 2020 bùng nổ.[1]\n"
                    "Ngày 1 tháng 12 năm 2020, quận Lachin được bàn giao cho Azerbaijan.[2]\n")
    facts = facts_of(found, "territory-transfer-lachin-2020-12-01")
    assert ("partOfConflict", "2020-nagorno-karabakh-war") in facts


def test_mediator_who_signs_is_not_a_signatory():
    found = extract("Ngày 19 tháng 9 năm 1992, tại Sochi, Pavel Grachev, Rahim Gaziyev và Vazgen Sargsyan ký một "
                    "thỏa thuận ngừng bắn.[1] Grachev ký với tư cách là trung gian.[2]\n")
    facts = facts_of(found, "ceasefire-1992-09-19")
    assert ("mediator", "pavel-grachev") in facts
    assert ("signatory", "pavel-grachev") not in facts
    assert ("signatory", "rahim-gaziyev") in facts


def test_side_that_proposed_a_ceasefire_is_its_mediator_not_a_party():
    found = extract("Ngày 16 tháng 11 năm 2021, theo đề nghị của Nga, Armenia và Azerbaijan đồng ý ngừng bắn.[1]\n")
    facts = facts_of(found, "ceasefire-2021-11-16")
    assert ("mediator", "russia") in facts
    assert ("party", "russia") not in facts


def test_agreement_takes_the_one_city_of_the_meeting_told_in_the_sentence_before():
    found = extract("Ngày 24 tháng 10 năm 2020, Ngoại trưởng Hoa Kỳ lần lượt tiếp ngoại trưởng hai nước tại "
                    "Washington.[1] Ngày hôm sau, Armenia và Azerbaijan đồng ý một lệnh ngừng bắn nhân đạo do Hoa Kỳ "
                    "làm trung gian.[2]\n")
    assert ("location", "washington-d-c") in facts_of(found, "ceasefire-2020-10-25")


def test_agreement_takes_the_city_of_talks_told_earlier_in_its_sentence():
    found = extract("Ngày 5 tháng 4 năm 2016, tổng tham mưu trưởng Armenia và Azerbaijan gặp nhau tại Moskva; "
                    "cùng ngày, hai bên chấp nhận lệnh ngừng bắn do Nga làm trung gian.[1]\n")
    assert ("location", "moscow") in facts_of(found, "ceasefire-2016-04-05")


def test_meeting_sentence_naming_two_cities_gives_no_place():
    found = extract("Ngày 24 tháng 10 năm 2020, ngoại trưởng hai nước bay từ Baku và Yerevan đến Washington.[1] "
                    "Ngày hôm sau, Armenia và Azerbaijan đồng ý một lệnh ngừng bắn nhân đạo.[2]\n")
    assert not any(p == "location" for p, _ in facts_of(found, "ceasefire-2020-10-25"))


def test_call_for_a_ceasefire_is_not_an_agreement():
    found = extract("Ngày 1 tháng 10 năm 2020, Vladimir Putin, Donald Trump và Emmanuel Macron ra tuyên bố chung "
                    "kêu gọi chấm dứt giao tranh.[1] Ngày 5 tháng 10, các ngoại trưởng lặp lại lời kêu gọi một lệnh "
                    "ngừng bắn vô điều kiện.[2]\n")
    assert found.events == []


def test_sides_that_jointly_declare_a_ceasefire_are_its_parties():
    found = extract("Ngày 17 tháng 10 năm 2020, Armenia và Azerbaijan cùng tuyên bố một lệnh ngừng bắn nhân đạo "
                    "mới do Pháp làm trung gian.[1]\n")
    facts = facts_of(found, "ceasefire-2020-10-17")
    assert {("party", "armenia"), ("party", "azerbaijan"), ("mediator", "france")} <= facts


def test_yearless_date_takes_the_year_its_sentence_names_before_it():
    found = extract("Ngày 5 tháng 4 năm 2016, Armenia và Azerbaijan đồng ý ngừng bắn tại Moskva.[1]\n"
                    "Sau khi Chiến tranh Nagorno-Karabakh năm 2020 bùng nổ, ngày 10 tháng 10, Armenia và Azerbaijan "
                    "đồng ý ngừng bắn nhân đạo tại Moskva.[2]\n")
    assert {e.slug for e in found.events} == {"ceasefire-2016-04-05", "ceasefire-2020-10-10"}


def test_conflict_outside_the_events_years_is_not_its_conflict():
    found = extract("Trong Chiến tranh Nagorno-Karabakh thứ nhất, lực lượng Armenia chiếm được Lachin ngày 18 "
                    "tháng 5 năm 1992.[1]\n"
                    "Ngày 1 tháng 12 năm 2020, quận Lachin được trao trả cho Azerbaijan.[2]\n")
    assert ("partOfConflict", "first-nagorno-karabakh-war") in facts_of(found, "capture-lachin-1992-05-18")
    # The hand-over is not the first war's; it carries out the 2020 armistice (the gazetteer's terms_until).
    conflicts = {o for p, o in facts_of(found, "territory-transfer-lachin-2020-12-01") if p == "partOfConflict"}
    assert conflicts == {"2020-nagorno-karabakh-war"}


def test_date_before_a_closed_after_clause_dates_the_main_clause():
    found = extract("Ngày 26 tháng 8 năm 2022, sau khi cư dân rời đi, thành phố Lachin được chuyển giao cho "
                    "Azerbaijan.[1]\n")
    assert ("date", DateValue("2022-08-26", "date")) in facts_of(found, "territory-transfer-lachin-2022-08-26")


def test_signing_date_may_stand_between_signed_and_its_signatories():
    found = extract("Theo tuyên bố ba bên được ký ngày 9 tháng 11 năm 2020 giữa Azerbaijan, Armenia và Nga, "
                    "hành lang do Nga kiểm soát.[1]\n")
    facts = facts_of(found, "declaration-2020-11-09")
    assert {("signatory", "azerbaijan"), ("signatory", "armenia"), ("signatory", "russia")} <= facts


def test_all_of_a_count_sums_up_agreements_told_and_makes_no_group():
    found = extract("Ngày 10 tháng 10 năm 2020, Armenia và Azerbaijan đồng ý ngừng bắn nhân đạo tại Moskva.[1] "
                    "Cả ba lệnh ngừng bắn đều không được tôn trọng.[2]\n")
    assert [e.kind for e in found.events] == ["Ceasefire"]


def test_plural_pronoun_stands_for_the_sides_of_the_sentence_before():
    found = extract("Ngày 4 tháng 5 năm 1994, chủ tịch quốc hội của Armenia, Azerbaijan và Artsakh đến Bishkek.[1] "
                    "Ngày hôm sau, họ ký Nghị định thư Bishkek với sự trung gian của Nga.[2]\n")
    facts = facts_of(found, "protocol-1994-05-05")
    assert {("signatory", "armenia"), ("signatory", "azerbaijan"), ("signatory", "artsakh")} <= facts
    assert ("location", "bishkek") in facts


def test_bare_city_before_a_time_word_is_the_city_told_before():
    found = extract("Ngày 1 tháng 5 năm 2020, Azerbaijan chiếm được Shusha, thành phố lớn thứ hai. Ngày 2 tháng 5 năm "
                    "2020, thành phố sau nhiều ngày giao tranh được trao trả cho Armenia.[1]\n")
    transfers = [e.slug for e in found.events if e.kind == "TerritoryTransfer"]
    assert len(transfers) == 1
    assert ("territory", "shusha") in facts_of(found, transfers[0])


def test_recipient_after_a_counted_list_receives_every_place_of_it():
    found = extract("Ngày 19 tháng 4 năm 2024, Armenia sẽ trả lại bốn làng là Baghanis Ayrum, Ashaghi Askipara, "
                    "Kheyrimli và Gizilhajili cho Azerbaijan.[1]\n")
    for village in ("baganis-ayrum", "ashaghi-askipara", "kheyrimli", "gizilhajili"):
        assert ("toParty", "azerbaijan") in facts_of(found, f"territory-transfer-{village}-planned")


def test_agreement_ending_a_war_named_in_its_sentence_is_part_of_that_war():
    found = extract("Xung đột Nagorno-Karabakh kéo dài nhiều thập kỷ.\n"
                    "Lệnh ngừng bắn có hiệu lực từ 00:01 ngày 12 tháng 5 năm 1994, chấm dứt Chiến tranh "
                    "Nagorno-Karabakh thứ nhất.[1]\n")
    assert ("partOfConflict", "first-nagorno-karabakh-war") in facts_of(found, "ceasefire-1994-05-12")


def test_side_declaring_a_ceasefire_is_its_party():
    found = extract("Ngày 12 tháng 6 năm 2023, Azerbaijan tuyên bố ngừng bắn đơn phương dọc biên giới.[1]\n")
    assert ("party", "azerbaijan") in facts_of(found, "ceasefire-2023-06-12")


def test_capture_announced_with_no_taker_named_is_the_speakers_side():
    found = extract("Giao tranh giữa Armenia và Azerbaijan lan tới miền nam.\n"
                    "Ngày 9 tháng 10 năm 2020, Tổng thống Ilham Aliyev viết trên Twitter rằng quân đội đã chiếm "
                    "được thị trấn Hadrut.[1]\n")
    facts = facts_of(found, "capture-hadrut-2020-10-09")
    assert ("capturedBy", "azerbaijan") in facts
    assert ("status", TextValue("Claimed")) in facts


def test_counted_places_of_which_some_are_named_are_each_captured():
    found = extract("Ngày 9 tháng 10 năm 2020, Bộ Quốc phòng thông báo quân đội Azerbaijan đã chiếm được "
                    "thị trấn Hadrut cùng bảy làng xung quanh, trong đó có Arakul, Mulkudere và Vank.[1]\n")
    for place in ("hadrut", "arakul", "mulkudere", "vank"):
        assert ("capturedBy", "azerbaijan") in facts_of(found, f"capture-{place}-2020-10-09"), place


def test_admission_in_a_later_sentence_confirms_the_claim_without_a_new_event():
    found = extract("Ngày 20 tháng 10 năm 2020, Ilham Aliyev tuyên bố quân đội Azerbaijan đã kiểm soát làng "
                    "Drakhtik.[1] "
                    "Ngày 24 tháng 10, Bộ Quốc phòng Armenia xác nhận quân Azerbaijan đã chiếm được làng "
                    "Drakhtik.[2]\n")
    assert [e.slug for e in found.events] == ["capture-drakhtik-2020-10-20"]
    facts = facts_of(found, "capture-drakhtik-2020-10-20")
    assert ("status", TextValue("Confirmed")) in facts
    assert ("status", TextValue("Claimed")) not in facts


def test_admission_naming_no_taker_confirms_the_claim():
    found = extract("Ngày 9 tháng 10 năm 2020, Ilham Aliyev tuyên bố quân đội Azerbaijan đã chiếm thêm thị trấn "
                    "Hadrut.[1] Ngày 17 tháng 10, Tổng thống Artsakh thừa nhận thị trấn Hadrut đã rơi vào tay "
                    "đối phương.[2]\n")
    facts = facts_of(found, "capture-hadrut-2020-10-09")
    assert ("status", TextValue("Confirmed")) in facts
    assert len(found.events) == 1


def test_side_taking_over_villages_receives_them():
    found = extract("Ngày 24 tháng 5 năm 2024, Cơ quan Biên phòng Azerbaijan tiếp quản các làng Kheyrimli và "
                    "Gizilhajili.[1]\n")
    for place in ("kheyrimli", "gizilhajili"):
        facts = facts_of(found, f"territory-transfer-{place}-2024-05-24")
        assert ("toParty", "azerbaijan") in facts, place


def test_peace_treaty_initialled_at_the_same_ceremony_is_its_own_agreement():
    found = extract("Ngày 8 tháng 8 năm 2025, tại Nhà Trắng ở Washington, Ilham Aliyev và Nikol Pashinyan ký một "
                    "tuyên bố "
                    "chung trước sự chứng kiến của Tổng thống Hoa Kỳ Donald Trump.[1] Cũng tại buổi lễ, ngoại "
                    "trưởng hai nước, Ararat Mirzoyan và Jeyhun Bayramov, ký tắt văn bản hiệp ước hòa bình.[2]\n")
    declaration = facts_of(found, "declaration-2025-08-08")
    treaty = facts_of(found, "agreement-2025-08-08")
    assert ("signatory", "ararat-mirzoyan") in treaty and ("signatory", "ararat-mirzoyan") not in declaration
    assert ("location", "washington-d-c") in treaty
    assert ("mediator", "donald-trump") not in treaty


def test_year_of_a_named_agreement_cited_is_not_the_signing_date():
    found = extract("Ngày 6 tháng 10 năm 2022, ở Praha, Ilham Aliyev và Nikol Pashinyan gặp nhau; sau cuộc gặp, "
                    "hai nhà lãnh đạo ra tuyên bố chung xác nhận cam kết đối với Hiến chương Liên Hợp Quốc và "
                    "Tuyên bố Alma-Ata năm 1991.[1]\n")
    assert [e.slug for e in found.events] == ["declaration-2022-10-06"]
    facts = facts_of(found, "declaration-2022-10-06")
    assert ("signingDate", DateValue("2022-10-06", "date")) in facts
    assert ("signatory", "ilham-aliyev") in facts


def test_dated_fall_with_no_taker_named_is_a_capture():
    found = extract("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                    "Sau nhiều tuần bao vây, Agdam thất thủ ngày 23 tháng 7 năm 1993.[1]\n")
    facts = facts_of(found, "capture-agdam-1993-07-23")
    assert ("territory", "agdam") in facts
    assert not any(predicate == "capturedBy" for predicate, _ in facts)


def test_bare_head_noun_before_a_fall_stands_for_the_place_told_before():
    found = extract("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                    "Ngày 8 tháng 5 năm 1992, quân Armenia tấn công Shusha. "
                    "Thị trấn thất thủ ngày 9 tháng 5 năm 1992.\n")
    assert ("territory", "shusha") in facts_of(found, "capture-shusha-1992-05-09")


def test_bare_chiem_before_a_name_or_in_a_passive_is_a_capture_but_not_before_a_share():
    found = extract("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                    "Ngày 3 tháng 4 năm 1993, Kalbajar bị lực lượng Armenia chiếm, khiến nhiều người sơ tán. "
                    "Người Azerbaijan chiếm 22,8% dân số của vùng.\n")
    assert ("capturedBy", "armenia") in facts_of(found, "capture-kalbajar-1993-04-03")
    assert [e.slug for e in found.events] == ["capture-kalbajar-1993-04-03"]


def test_list_of_places_stops_at_a_semicolon():
    found = extract("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                    "Trong tháng 8 năm 1993, quân Armenia chiếm Fuzuli và Jabrayil; Qubadli rơi vào tay họ ngày "
                    "31 tháng 8 năm 1993.\n")
    slugs = {e.slug for e in found.events}
    assert {"capture-fuzuli-1993-08", "capture-jabrayil-1993-08", "capture-qubadli-1993-08-31"} <= slugs
    assert "capture-qubadli-1993-08" not in slugs


def test_handover_later_than_planned_is_completed():
    found = extract("Chiến tranh Nagorno-Karabakh 2020 bắt đầu ngày 27 tháng 9 năm 2020.\n"
                    "Quận Lachin được trao lại cho Azerbaijan ngày 1 tháng 12 năm 2020, "
                    "muộn hai ngày so với dự kiến.\n")
    facts = facts_of(found, "territory-transfer-lachin-2020-12-01")
    assert ("status", TextValue("Completed")) in facts
    assert ("toParty", "azerbaijan") in facts


def test_agreement_referred_to_with_its_signing_is_told_when_new():
    found = extract("Chiến tranh Nagorno-Karabakh 2020 bắt đầu ngày 27 tháng 9 năm 2020.\n"
                    "Lực lượng được thành lập theo tuyên bố ba bên ký ngày 9 tháng 11 năm 2020 giữa Tổng thống "
                    "Azerbaijan Ilham Aliyev, Thủ tướng Armenia Nikol Pashinyan và Tổng thống Nga Vladimir Putin.[1]\n")
    facts = facts_of(found, "declaration-2020-11-09")
    assert {("signatory", "ilham-aliyev"), ("signatory", "nikol-pashinyan"), ("signatory", "vladimir-putin"),
            ("signingDate", DateValue("2020-11-09", "date"))} <= facts


def test_date_of_the_agreement_a_handover_follows_does_not_date_the_handover():
    found = extract("Chiến tranh Nagorno-Karabakh 2020 bắt đầu ngày 27 tháng 9 năm 2020.\n"
                    "Quận Agdam được trao trả cho Azerbaijan theo tuyên bố ba bên ký ngày 9 tháng 11 năm 2020 giữa "
                    "Ilham Aliyev, Nikol Pashinyan và Vladimir Putin.[1]\n")
    slugs = {e.slug for e in found.events}
    assert "territory-transfer-agdam" in slugs
    assert "territory-transfer-agdam-2020-11-09" not in slugs


def test_passive_handover_with_no_side_takes_the_recipient_told_before_in_context():
    found = extract("Chiến tranh Nagorno-Karabakh 2020 bắt đầu ngày 27 tháng 9 năm 2020.\n"
                    "Armenia trao trả quận Agdam cho Azerbaijan ngày 20 tháng 11 năm 2020.[1] "
                    "Quận Kalbajar được bàn giao ngày 25 tháng 11 năm 2020.[2]\n")
    facts = facts_of(found, "territory-transfer-kalbajar-2020-11-25")
    assert ("toParty", "azerbaijan") in facts
    assert ("status", TextValue("Completed")) in facts


def test_passive_handover_of_an_object_or_with_no_recipient_in_context_is_no_transfer():
    found = extract("Chiến tranh Nagorno-Karabakh 2020 bắt đầu ngày 27 tháng 9 năm 2020.\n"
                    "Armenia trao trả quận Agdam cho Azerbaijan ngày 20 tháng 11 năm 2020.[1] "
                    "Sau đó, các nguyên tắc Madrid được bàn giao ngày 25 tháng 11 năm 2020.[2]\n"
                    "Quân đội Armenia rút khỏi vùng này.\n"
                    "Một năm sau, giao tranh tiếp diễn.\n"
                    "Quận Kalbajar được bàn giao ngày 25 tháng 11 năm 2021.[3]\n")
    slugs = {e.slug for e in found.events}
    assert not [slug for slug in slugs if "madrid" in slug or "kalbajar" in slug]


def test_date_right_before_khi_dates_the_capture_in_the_khi_clause():
    found = extract("Lực lượng gìn giữ hòa bình Nga được triển khai từ năm 2020 đến năm 2024.\n"
                    "Lực lượng ghi nhận cuộc đụng độ gần làng Farukh tháng 3 năm 2022, khi quân Azerbaijan chiếm "
                    "được làng này.[1]\n")
    facts = facts_of(found, "capture-farukh-2022-03")
    assert ("capturedBy", "azerbaijan") in facts
    assert ("date", DateValue("2022-03", "gYearMonth")) in facts


def test_country_acting_through_its_minister_mediates_with_him():
    found = extract("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                    "Thỏa thuận ngừng bắn có hiệu lực ngày 12 tháng 5 năm 1994, với sự trung gian của Nga qua Bộ "
                    "trưởng Quốc phòng Pavel Grachev.[1]\n")
    facts = facts_of(found, "ceasefire-1994-05-12")
    assert {("mediator", "russia"), ("mediator", "pavel-grachev")} <= facts


def test_title_country_of_a_person_is_still_no_mediator():
    found = extract("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                    "Thỏa thuận ngừng bắn có hiệu lực ngày 12 tháng 5 năm 1994, với sự trung gian của Bộ trưởng "
                    "Quốc phòng Nga Pavel Grachev.[1]\n")
    mediators = {obj for predicate, obj in facts_of(found, "ceasefire-1994-05-12") if predicate == "mediator"}
    assert mediators == {"pavel-grachev"}


def test_mediation_phrase_before_the_subject_ends_at_the_comma_before_it():
    found = extract("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                    "Dưới sự trung gian của Nga, Armenia và Azerbaijan đồng ý một lệnh ngừng bắn ngày 31 tháng 8 "
                    "năm 1993.[1]\n")
    facts = facts_of(found, "ceasefire-1993-08-31")
    assert ("mediator", "russia") in facts
    assert {("party", "armenia"), ("party", "azerbaijan")} <= facts
    assert ("mediator", "armenia") not in facts


def test_fronted_mediation_before_a_listed_subject_ends_at_its_first_comma():
    found = extract("Xung đột Nagorno-Karabakh kéo dài nhiều thập kỷ.\n"
                    "Ngày 6 tháng 2 năm 1995, với sự trung gian của OSCE, Armenia, Azerbaijan và Artsakh ký một "
                    "thỏa thuận về các sự cố.[1]\n")
    facts = facts_of(found, "agreement-1995-02-06")
    assert ("mediator", "organization-for-security-and-co-operation-in-europe") in facts
    assert {("signatory", "armenia"), ("signatory", "azerbaijan"), ("signatory", "artsakh")} <= facts
    assert ("mediator", "armenia") not in facts


def test_fronted_mediator_list_ends_at_the_comma_after_its_conjunction():
    found = extract("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                    "Dưới sự trung gian của Nga, Iran và Kazakhstan, Armenia và Azerbaijan đồng ý một lệnh ngừng "
                    "bắn ngày 31 tháng 8 năm 1993.[1]\n")
    facts = facts_of(found, "ceasefire-1993-08-31")
    assert {("mediator", "russia"), ("mediator", "iran"), ("mediator", "kazakhstan")} <= facts
    assert {("party", "armenia"), ("party", "azerbaijan")} <= facts
    assert ("mediator", "armenia") not in facts


def test_fronted_mediators_apposition_stays_with_the_mediator():
    found = extract("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                    "Với sự trung gian của Bộ trưởng Ngoại giao Nga, Andrei Kozyrev, Armenia và Azerbaijan đồng ý "
                    "một lệnh ngừng bắn ngày 31 tháng 8 năm 1993.[1]\n")
    facts = facts_of(found, "ceasefire-1993-08-31")
    assert ("mediator", "andrei-kozyrev") in facts
    assert {("party", "armenia"), ("party", "azerbaijan")} <= facts
    assert ("party", "andrei-kozyrev") not in facts


def test_agreement_named_only_to_date_another_starts_none():
    found = extract("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                    "Lệnh ngừng bắn được các bộ trưởng quốc phòng ký trong những ngày 9 đến 11 tháng 5 năm 1994, "
                    "sau Nghị định thư Bishkek.[1]\n")
    assert not [e for e in found.events if e.slug.startswith("protocol-")]


def test_signing_and_entry_into_force_years_apart_are_two_agreements():
    found = extract("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                    "Với sự trung gian của Nga, Armenia và Azerbaijan đồng ý một lệnh ngừng bắn ngày 31 tháng 8 năm "
                    "1993.[1] Chiến sự chỉ chấm dứt khi thỏa thuận ngừng bắn có hiệu lực ngày 12 tháng 5 năm 1994, "
                    "với sự trung gian của Nga.[2]\n")
    slugs = {e.slug for e in found.events}
    assert {"ceasefire-1993-08-31", "ceasefire-1994-05-12"} <= slugs


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


def test_fall_into_their_hands_is_taken_by_the_side_named_before():
    found = extract("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                    "Trong tháng 8 năm 1993, quân Armenia chiếm Fuzuli; Qubadli rơi vào tay họ ngày "
                    "31 tháng 8 năm 1993.\n")
    assert ("capturedBy", "armenia") in facts_of(found, "capture-qubadli-1993-08-31")


def test_fall_with_no_taker_after_an_attack_on_the_place_is_taken_by_the_attacker():
    found = extract("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                    "Ngày 8 tháng 5 năm 1992, quân Armenia mở cuộc tấn công vào Shusha. "
                    "Thị trấn thất thủ ngày 9 tháng 5 năm 1992.\n"
                    "Sau nhiều tuần bao vây, Agdam thất thủ ngày 23 tháng 7 năm 1993.\n")
    assert ("capturedBy", "armenia") in facts_of(found, "capture-shusha-1992-05-09")
    assert not [o for p, o in facts_of(found, "capture-agdam-1993-07-23") if p == "capturedBy"]


def test_event_in_an_article_naming_no_conflict_takes_the_conflict_whose_days_hold_its_date():
    found = extract("Quận Kalbajar là một quận của Azerbaijan.\n"
                    "Ngày 3 tháng 4 năm 1993, quân Armenia chiếm được Kalbajar.[1]\n")
    assert ("partOfConflict", "first-nagorno-karabakh-war") in facts_of(found, "capture-kalbajar-1993-04-03")


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


def test_date_of_the_agreements_own_clause_beats_the_date_opening_the_sentence():
    found = extract("Ngày 13 tháng 9 năm 2022, giao tranh nổ ra dọc biên giới, và một lệnh ngừng bắn được Armenia "
                    "và Azerbaijan đồng ý ngày 14 tháng 9 năm 2022.[1]\n")
    assert [e.slug for e in found.events] == ["ceasefire-2022-09-14"]


def test_sides_of_a_passive_agreeing_are_parties():
    found = extract("Ngày 14 tháng 9 năm 2022, một lệnh ngừng bắn được Armenia và Azerbaijan đồng ý.[1]\n")
    parties = {o for p, o in facts_of(found, "ceasefire-2022-09-14") if p == "party"}
    assert parties == {"armenia", "azerbaijan"}


def test_withdrawing_troops_from_a_place_gives_it_away():
    found = extract("Ngày 20 tháng 11 năm 2020, quân Armenia rút quân khỏi Agdam và giao lại quận cho Azerbaijan.[1]\n")
    transfer = [e.slug for e in found.events if e.kind == "TerritoryTransfer"]
    assert transfer and ("fromParty", "armenia") in facts_of(found, transfer[0])


def kinds_of(found) -> dict[str, str]:
    return {e.slug: e.kind for e in found.events if e.kind not in ("Capture", "TerritoryTransfer")}


def test_statement_that_ends_the_fighting_is_an_armistice():
    found = extract("Ngày 9 tháng 11 năm 2020, Ilham Aliyev, Nikol Pashinyan và Vladimir Putin ký tuyên bố ba bên "
                    "chấm dứt mọi hoạt động quân sự.[1]\n"
                    "Ngày 3 tháng 3 năm 2021, Armenia và Azerbaijan ký một tuyên bố chung kết thúc chiến sự.[2]\n")
    assert kinds_of(found) == {"armistice-2020-11-09": "Armistice", "armistice-2021-03-03": "Armistice"}
    assert ("signatory", "vladimir-putin") in facts_of(found, "armistice-2020-11-09")


def test_statement_with_no_content_cue_stays_a_declaration():
    found = extract("Theo tuyên bố ba bên được ký ngày 9 tháng 11 năm 2020 giữa Azerbaijan, Armenia và Nga, quận "
                    "Lachin sẽ được trao trả cho Azerbaijan.[1]\n")
    assert kinds_of(found) == {"declaration-2020-11-09": "Declaration"}


def test_statement_that_stops_fire_for_a_time_is_a_ceasefire():
    found = extract("Ngày 5 tháng 6 năm 2021, Armenia và Azerbaijan ký một tuyên bố chung về việc tạm ngừng bắn "
                    "trong ba ngày.[1]\n")
    assert kinds_of(found) == {"ceasefire-2021-06-05": "Ceasefire"}


def test_communique_committing_to_a_ceasefire_among_other_things_stays_a_declaration():
    found = extract("Ngày 7 tháng 5 năm 1992, Armenia và Azerbaijan ký Thông cáo chung Tehran, cam kết ngừng bắn "
                    "và mở lại các tuyến giao thông.[1]\n")
    assert kinds_of(found) == {"declaration-1992-05-07": "Declaration"}


def test_protocol_calling_for_an_end_to_the_fighting_stays_a_protocol():
    found = extract("Ngày 5 tháng 5 năm 1994, Armenia và Azerbaijan ký Nghị định thư Bishkek, kêu gọi các bên "
                    "chấm dứt chiến sự.[1]\n")
    assert kinds_of(found) == {"protocol-1994-05-05": "Protocol"}


def test_this_force_as_mediator_is_the_organisation_named_before_it():
    found = extract("Ngày 20 tháng 9 năm 2023, một thỏa thuận ngừng bắn giữa Azerbaijan và Artsakh đạt được tại sở "
                    "chỉ huy của lực lượng gìn giữ hòa bình Nga, với sự trung gian của lực lượng này.[1]\n")
    facts = facts_of(found, "ceasefire-2023-09-20")
    assert ("mediator", "russian-peacekeeping-forces-in-nagorno-karabakh") in facts
    assert ("mediator", "russia") not in facts


def test_this_country_as_signatory_is_the_last_country_named_in_the_paragraph():
    found = extract("Ngày 19 tháng 9 năm 2023, Azerbaijan mở chiến dịch quân sự tại Nagorno-Karabakh. Ngày 20 tháng 9 "
                    "năm 2023, nước này ký một thỏa thuận ngừng bắn với Artsakh.[1]\n")
    assert ("signatory", "azerbaijan") in facts_of(found, "ceasefire-2023-09-20")


def test_this_country_joined_to_a_name_stands_for_the_country_before_that_name():
    found = extract("Ngày 4 tháng 4 năm 2016, Armenia tuyên bố sẵn sàng đàm phán. Ngày 5 tháng 4 năm 2016, "
                    "Azerbaijan và nước này đồng ý ngừng bắn.[1]\n")
    parties = {o for p, o in facts_of(found, "ceasefire-2016-04-05") if p == "party"}
    assert parties == {"azerbaijan", "armenia"}


def test_demonstrative_with_nothing_of_its_kind_before_it_names_no_one():
    found = extract("Ngày 5 tháng 4 năm 2016, một lệnh ngừng bắn với sự trung gian của lực lượng này có hiệu lực "
                    "giữa Armenia và Azerbaijan.[1]\n")
    assert not any(p == "mediator" for p, _ in facts_of(found, "ceasefire-2016-04-05"))


def test_peace_agreement_whose_words_end_the_conflict_is_an_armistice():
    found = extract("Ngày 7 tháng 7 năm 1999, Armenia và Azerbaijan ký Hiệp định Hòa bình Lomé, mà Điều I tuyên bố "
                    "cuộc xung đột vũ trang giữa hai nước \"chấm dứt ngay lập tức\".[1]\n")
    assert kinds_of(found) == {"armistice-1999-07-07": "Armistice"}


def test_agreement_about_ending_the_conflict_sets_an_aim_and_stays_an_agreement():
    found = extract("Ngày 26 tháng 8 năm 2012, Armenia và Azerbaijan ký \"Thỏa thuận chung về chấm dứt xung đột và "
                    "xây dựng hòa bình\", ấn định chương trình nghị sự, với Nga làm nước bảo đảm.[1]\n")
    assert kinds_of(found) == {"agreement-2012-08-26": "Agreement"}


def test_a_capture_by_a_commander_is_credited_to_the_country_named_before_him():
    found = extract("Tướng Pháp Henri Rivère đến Bắc Kỳ năm 1882.[1] Ngày 27 tháng 3 năm 1883, quân của "
                    "Rivère đánh chiếm Nam Định.[2]\n")
    assert ("capturedBy", "france") in facts_of(found, "capture-nam-dinh-1883-03-27")


def test_a_capture_by_a_commander_of_no_known_country_names_no_taker():
    found = extract("Ngày 27 tháng 3 năm 1883, quân của Rivère đánh chiếm Nam Định.[1]\n")
    assert not [f for f in found.facts if f.predicate == "capturedBy"]


def test_taking_down_a_citadel_is_a_capture_and_laying_down_arms_is_not():
    found = extract("Ngày 16 tháng 12 năm 1883, quân Pháp hạ thành Sơn Tây.[1] Ngày 20 tháng 12 năm 1883, "
                    "quân Pháp hạ vũ khí tại Nam Định.[2]\n")
    assert [e.slug for e in found.events] == ["capture-son-tay-1883-12-16"]
    assert ("capturedBy", "france") in facts_of(found, "capture-son-tay-1883-12-16")


def test_a_country_name_that_begins_a_town_name_is_the_town_and_also_taken_reuses_the_taker():
    found = extract("Ở phía tây, quân Trung Quốc chiếm thị xã Lào Cai ngày 19 tháng 2 năm 1979; sáu ngày sau, "
                    "thị xã Cam Đường cũng bị chiếm.[1]\n")
    assert ("capturedBy", "china") in facts_of(found, "capture-lao-cai-1979-02-19")
    assert ("capturedBy", "china") in facts_of(found, "capture-cam-duong-1979-02-25")
    assert "laos" not in {m.entity for m in found.mentions}


def test_armour_of_a_country_is_that_countrys_side_not_a_border_landmark():
    found = extract("Trong tháng 8 năm 1998, thiết giáp Angola vượt biên giới và chiếm lại căn cứ Kitona.[1]\n")
    assert ("capturedBy", "angola") in facts_of(found, "capture-kitona-1998-08")


def test_sides_joined_as_one_force_all_take_the_place():
    found = extract("Liên quân Trung Quốc và Triều Tiên vượt sông. Ngày 6 tháng 12 năm 1950, Bình Nhưỡng lại rơi "
                    "vào tay liên quân Trung – Triều.[1]\n")
    facts = facts_of(found, "capture-pyongyang-1950-12-06")
    assert {("capturedBy", "china"), ("capturedBy", "north-korea")} <= facts


def test_a_side_that_only_supports_does_not_take_the_place():
    found = extract("Với sự yểm trợ của quân Cuba, quân đội Angola chiếm thành phố Huambo "
                    "ngày 8 tháng 2 năm 1976.[1]\n")
    assert [o for p, o in facts_of(found, "capture-huambo-1976-02-08") if p == "capturedBy"] == ["angola"]


def test_slipping_into_a_sides_hands_is_a_capture():
    found = extract("Ngày 28 tháng 1 năm 1789, đồn Hà Hồi lọt vào tay quân Tây Sơn.[1]\n")
    assert ("capturedBy", "tay-son") in facts_of(found, "capture-ha-hoi-1789-01-28")


def test_an_agreement_named_by_a_proper_name_and_dated_is_one_without_signatories():
    found = extract("Hiệp định Paris được ký kết tại Paris vào ngày 27 tháng 1 năm 1973.[1]\n")
    assert kinds_of(found) == {"agreement-1973-01-27": "Agreement"}
    assert not kinds_of(extract("Hiệp định được ký kết tại Paris vào ngày 27 tháng 1 năm 1973.[1]\n"))


def test_the_document_signed_after_a_drafted_agreement_is_that_agreement_and_its_entry_into_force_too():
    found = extract("Na Uy, vốn đã làm trung gian giữa hai bên từ năm 2000, đứng ra soạn thảo một thỏa thuận ngừng bắn "
                    "chính thức. Ngày 22 tháng 2 năm 2002, Armenia và Azerbaijan ký văn kiện tại Kilinochchi. "
                    "Thỏa thuận ngừng bắn có hiệu lực từ 0 giờ ngày 23 tháng 2.[1]\n")
    assert kinds_of(found) == {"ceasefire-2002-02-22": "Ceasefire"}
    facts = facts_of(found, "ceasefire-2002-02-22")
    assert ("effectiveFrom", DateValue("2002-02-23T00:00:00", "dateTime")) in facts
    assert not [o for p, o in facts if p == "effectiveFrom" and o.lexical == "2000"]


def test_talks_where_no_document_was_signed_make_no_agreement():
    found = extract("Các cuộc thảo luận do Liên Hợp Quốc đồng chủ trì khai mạc ngày 15 tháng 10 năm 2008, song "
                    "kết thúc mà không có văn kiện nào được ký kết.[1]\n")
    assert kinds_of(found) == {}


def test_a_known_war_whose_sides_the_article_never_names_is_not_placed_by_its_dates():
    found = extract("Ngày 14 tháng 6 năm 1992, Argentina và Vương quốc Anh ký một thỏa thuận tại Madrid.[1]\n")
    assert not [f for f in found.facts if f.predicate == "partOfConflict"]
