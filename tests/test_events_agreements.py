"""Agreements in made-up articles: which texts make one, of which kind, told once or twice, where signed."""

from __future__ import annotations

import pytest

from extract.model import DateValue
from tests.made_up_articles import assert_told, extract, facts_of, kinds_of


def test_undated_passive_signing_adds_signers_to_the_agreement_told_before():
    found = extract("Nghị định thư Bishkek được ký kết ngày 5 tháng 5 năm 1994 tại Bishkek.[1] "
                    "Nghị định thư được ký bởi Chủ tịch Quốc hội Armenia Babken Ararktsyan.[2]\n")
    assert [e.slug for e in found.events] == ["protocol-1994-05-05"]
    assert ("signatory", "babken-ararktsyan") in facts_of(found, "protocol-1994-05-05")


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


def test_peace_agreement_and_declaration_of_one_day_stay_apart():
    found = extract("Ngày 8 tháng 8 năm 2025, Ilham Aliyev và Nikol Pashinyan ký tắt văn bản hiệp định hòa bình "
                    "giữa Armenia và Azerbaijan trước sự chứng kiến của Donald Trump.[1] Cùng ngày, Aliyev, "
                    "Pashinyan và Trump ký một tuyên bố chung.[2]\n")
    agreement = facts_of(found, "agreement-2025-08-08")
    assert {("party", "armenia"), ("mediator", "donald-trump"), ("signatory", "ilham-aliyev")} <= agreement
    declaration = facts_of(found, "declaration-2025-08-08")
    assert ("signatory", "donald-trump") in declaration
    assert ("party", "armenia") not in declaration


def test_purpose_clause_signs_nothing():
    found = extract("Ngày 24 tháng 6 năm 2011, Aliyev và Sargsyan gặp nhau tại Kazan theo lời mời của Dmitry "
                    "Medvedev để thông qua văn kiện về các nguyên tắc cơ bản.[1]\n")
    assert not found.events


def test_meeting_sentence_naming_two_cities_gives_no_place():
    found = extract("Ngày 24 tháng 10 năm 2020, ngoại trưởng hai nước bay từ Baku và Yerevan đến Washington.[1] "
                    "Ngày hôm sau, Armenia và Azerbaijan đồng ý một lệnh ngừng bắn nhân đạo.[2]\n")
    assert not any(p == "location" for p, _ in facts_of(found, "ceasefire-2020-10-25"))


def test_call_for_a_ceasefire_is_not_an_agreement():
    found = extract("Ngày 1 tháng 10 năm 2020, Vladimir Putin, Donald Trump và Emmanuel Macron ra tuyên bố chung "
                    "kêu gọi chấm dứt giao tranh.[1] Ngày 5 tháng 10, các ngoại trưởng lặp lại lời kêu gọi một lệnh "
                    "ngừng bắn vô điều kiện.[2]\n")
    assert found.events == []


def test_all_of_a_count_sums_up_agreements_told_and_makes_no_group():
    found = extract("Ngày 10 tháng 10 năm 2020, Armenia và Azerbaijan đồng ý ngừng bắn nhân đạo tại Moskva.[1] "
                    "Cả ba lệnh ngừng bắn đều không được tôn trọng.[2]\n")
    assert [e.kind for e in found.events] == ["Ceasefire"]


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


def test_statement_that_ends_the_fighting_is_an_armistice():
    found = extract("Ngày 9 tháng 11 năm 2020, Ilham Aliyev, Nikol Pashinyan và Vladimir Putin ký tuyên bố ba bên "
                    "chấm dứt mọi hoạt động quân sự.[1]\n"
                    "Ngày 3 tháng 3 năm 2021, Armenia và Azerbaijan ký một tuyên bố chung kết thúc chiến sự.[2]\n")
    assert kinds_of(found) == {"armistice-2020-11-09": "Armistice", "armistice-2021-03-03": "Armistice"}
    assert ("signatory", "vladimir-putin") in facts_of(found, "armistice-2020-11-09")


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


NK1 = "Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"

# (text, agreement, facts told of it), one case a behaviour.
AGREEMENTS_TOLD = [
    pytest.param("Ngày 2 tháng 11 năm 2008, tại lâu đài Meiendorf gần Moskva, Ilham Aliyev và Serzh Sargsyan "
                 "ký Tuyên bố Meiendorf.[1]\n",
                 "declaration-2008-11-02", {("location", "moscow")},
                 id="place_after_a_landmark_near_it_is_the_signing_place"),
    pytest.param("Ngày 24 tháng 10 năm 2020, Ngoại trưởng Hoa Kỳ lần lượt tiếp ngoại trưởng hai nước tại "
                 "Washington.[1] Ngày hôm sau, Armenia và Azerbaijan đồng ý một lệnh ngừng bắn nhân đạo do Hoa Kỳ "
                 "làm trung gian.[2]\n",
                 "ceasefire-2020-10-25", {("location", "washington-d-c")},
                 id="agreement_takes_the_one_city_of_the_meeting_told_in_the_sentence_before"),
    pytest.param("Ngày 5 tháng 4 năm 2016, tổng tham mưu trưởng Armenia và Azerbaijan gặp nhau tại Moskva; "
                 "cùng ngày, hai bên chấp nhận lệnh ngừng bắn do Nga làm trung gian.[1]\n",
                 "ceasefire-2016-04-05", {("location", "moscow")},
                 id="agreement_takes_the_city_of_talks_told_earlier_in_its_sentence"),
    pytest.param("Chiến tranh Nagorno-Karabakh 2020 bắt đầu ngày 27 tháng 9 năm 2020.\n"
                 "Lực lượng được thành lập theo tuyên bố ba bên ký ngày 9 tháng 11 năm 2020 giữa Tổng thống "
                 "Azerbaijan Ilham Aliyev, Thủ tướng Armenia Nikol Pashinyan và Tổng thống Nga Vladimir Putin.[1]\n",
                 "declaration-2020-11-09",
                 {("signatory", "ilham-aliyev"), ("signatory", "nikol-pashinyan"), ("signatory", "vladimir-putin"),
                  ("signingDate", DateValue("2020-11-09", "date"))},
                 id="agreement_referred_to_with_its_signing_is_told_when_new"),
    pytest.param(NK1 + "Ngày 4 tháng 5 năm 1993, tại Bishkek, đại diện các bên ký \"Bản ghi nhớ về việc trao đổi tù "
                 "binh và người mất tích\".[1]\n",
                 "agreement-1993-05-04", {("location", "bishkek")},
                 id="dated_document_with_a_quoted_title_is_an_agreement_of_its_own"),
    pytest.param(NK1 + "Tháng 5 năm 1993, khi mùa màng đến, Armenia và Azerbaijan giảng hòa, tạm ngừng giao "
                 "chiến.[1]\n",
                 "ceasefire-1993-05", {("party", "armenia"), ("party", "azerbaijan")},
                 id="sides_making_peace_and_pausing_the_fighting_are_parties_to_a_ceasefire"),
    pytest.param(NK1 + "Một thỏa thuận ngừng bắn khác do Nga làm trung gian, đạt được tại Bishkek ngày 5 tháng 5 năm "
                 "1994 và có hiệu lực từ ngày 12 tháng 5, được giữ vững.[1]\n",
                 "ceasefire-1994-05-05",
                 {("signingDate", DateValue("1994-05-05", "date")), ("effectiveFrom", DateValue("1994-05-12", "date"))},
                 id="date_after_reached_at_a_place_is_the_signing_date_apart_from_taking_effect"),
]


@pytest.mark.parametrize(("text", "agreement", "told"), AGREEMENTS_TOLD)
def test_agreement_is_told_with_its_place_sides_and_dates(text, agreement, told):
    assert_told(text, agreement, told)


# (text, the kind of every agreement found by slug), one case a behaviour.
AGREEMENT_KINDS = [
    pytest.param("Theo tuyên bố ba bên được ký ngày 9 tháng 11 năm 2020 giữa Azerbaijan, Armenia và Nga, quận "
                 "Lachin sẽ được trao trả cho Azerbaijan.[1]\n",
                 {"declaration-2020-11-09": "Declaration"},
                 id="statement_with_no_content_cue_stays_a_declaration"),
    pytest.param("Ngày 5 tháng 6 năm 2021, Armenia và Azerbaijan ký một tuyên bố chung về việc tạm ngừng bắn "
                 "trong ba ngày.[1]\n",
                 {"ceasefire-2021-06-05": "Ceasefire"},
                 id="statement_that_stops_fire_for_a_time_is_a_ceasefire"),
    pytest.param("Ngày 7 tháng 5 năm 1992, Armenia và Azerbaijan ký Thông cáo chung Tehran, cam kết ngừng bắn "
                 "và mở lại các tuyến giao thông.[1]\n",
                 {"declaration-1992-05-07": "Declaration"},
                 id="communique_committing_to_a_ceasefire_among_other_things_stays_a_declaration"),
    pytest.param("Ngày 5 tháng 5 năm 1994, Armenia và Azerbaijan ký Nghị định thư Bishkek, kêu gọi các bên "
                 "chấm dứt chiến sự.[1]\n",
                 {"protocol-1994-05-05": "Protocol"},
                 id="protocol_calling_for_an_end_to_the_fighting_stays_a_protocol"),
    pytest.param("Ngày 7 tháng 7 năm 1999, Armenia và Azerbaijan ký Hiệp định Hòa bình Lomé, mà Điều I tuyên bố "
                 "cuộc xung đột vũ trang giữa hai nước \"chấm dứt ngay lập tức\".[1]\n",
                 {"armistice-1999-07-07": "Armistice"},
                 id="peace_agreement_whose_words_end_the_conflict_is_an_armistice"),
    pytest.param("Ngày 26 tháng 8 năm 2012, Armenia và Azerbaijan ký \"Thỏa thuận chung về chấm dứt xung đột và "
                 "xây dựng hòa bình\", ấn định chương trình nghị sự, với Nga làm nước bảo đảm.[1]\n",
                 {"agreement-2012-08-26": "Agreement"},
                 id="agreement_about_ending_the_conflict_sets_an_aim_and_stays_an_agreement"),
    pytest.param("Các cuộc thảo luận do Liên Hợp Quốc đồng chủ trì khai mạc ngày 15 tháng 10 năm 2008, song "
                 "kết thúc mà không có văn kiện nào được ký kết.[1]\n",
                 {},
                 id="talks_where_no_document_was_signed_make_no_agreement"),
]


@pytest.mark.parametrize(("text", "kinds"), AGREEMENT_KINDS)
def test_agreement_kind_follows_what_the_document_does(text, kinds):
    assert kinds_of(extract(text)) == kinds


def test_a_state_among_the_people_who_signed_is_a_party_and_a_modus_vivendi_is_an_agreement():
    found = extract("Tạm ước Pháp – Việt là văn kiện được ký ngày 14 tháng 9 năm 1946 giữa Việt Nam và Pháp.\n"
                    "Đêm ngày 14 tháng 9 năm 1946, tại nhà riêng của Bộ trưởng Bộ Pháp quốc hải ngoại Marius "
                    "Moutet ở Paris, Chủ tịch Hồ Chí Minh và Moutet ký bản Tạm ước.[1] "
                    "Ngày 15 tháng 9, Hồ Chí Minh giải thích lý do ký hiệp định.[2]\n")
    facts = facts_of(found, "agreement-1946-09-14")
    assert ("signatory", "ho-chi-minh") in facts and ("signatory", "marius-moutet") in facts
    assert ("party", "vietnam") in facts and ("signatory", "vietnam") not in facts
    assert ("location", "paris") in facts
    assert [e.slug for e in found.events] == ["agreement-1946-09-14"]


def test_an_agreement_named_after_sau_with_its_own_day_and_signers_is_its_own():
    found = extract("Chiến tranh Transnistria là cuộc xung đột giữa Moldova và Transnistria.\n"
                    "Ngày 21 tháng 7 năm 1992, Mircea Snegur và Boris Yeltsin ký hiệp định ngừng bắn tại Moskva.\n"
                    "Sau Hiệp ước Molotov–Ribbentrop ký ngày 23 tháng 8 năm 1939 giữa Liên Xô và Đức, Liên Xô "
                    "chiếm nhiều vùng đất.\n")
    assert ("signatory", "germany") in facts_of(found, "agreement-1939-08-23")
    assert ("party", "germany") not in facts_of(found, "ceasefire-1992-07-21")


def test_surnames_after_a_place_sign_a_quoted_document_witnessed_at_the_ceremony():
    found = extract("Chiến tranh Transnistria là cuộc xung đột giữa Moldova và Transnistria.\n"
                    "Ngày 8 tháng 5 năm 1997, tại Moskva, Tổng thống Moldova Petru Lucinschi và lãnh đạo "
                    "Transnistria Igor Smirnov ký \"Bản ghi nhớ về các cơ sở bình thường hóa quan hệ\".[1] Lễ ký có "
                    "sự chứng kiến của Tổng thống Nga Boris Yeltsin.[2]\n"
                    "Ngày 20 tháng 3 năm 1998, tại Odessa, Lucinschi và Smirnov ký hiệp định về các biện pháp "
                    "xây dựng lòng tin; hiệp định có hiệu lực ngay sau khi ký.[3]\n")
    first, second = facts_of(found, "agreement-1997-05-08"), facts_of(found, "agreement-1998-03-20")
    assert ("signatory", "petru-lucinschi") in first and ("mediator", "boris-yeltsin") in first
    assert ("signatory", "petru-lucinschi") in second and ("signatory", "igor-smirnov") in second
    assert ("effectiveFrom", DateValue("1998-03-20", "date")) in second
    assert ("mediator", "boris-yeltsin") not in second


def test_signers_for_their_sides_after_a_colon_sign_the_named_accord_and_bind_the_sides():
    found = extract("Chiến tranh Algérie là cuộc chiến giữa Pháp và Algérie.\n"
                    "Ngày 18 tháng 3 năm 1962, Hiệp định Évian được ký kết: Louis Joxe và Jean de Broglie ký thay "
                    "mặt Pháp, còn Krim Belkacem ký thay mặt Algérie.[1] Ngày 8 tháng 4 năm 1962, cử tri Pháp tán "
                    "thành Hiệp định Évian.[2]\n")
    facts = facts_of(found, "agreement-1962-03-18")
    for person in ("louis-joxe", "jean-de-broglie", "krim-belkacem"):
        assert ("signatory", person) in facts, person
    assert ("party", "france") in facts and ("party", "algeria") in facts  # "Algérie": the French endonym
    assert [e.slug for e in found.events] == ["agreement-1962-03-18"]


def test_the_place_right_after_the_signing_verb_is_where_it_was_signed():
    found = extract("Chiến tranh X là một cuộc chiến giữa Việt Nam và Trung Quốc.\n"
                    "Ngày 25 tháng 12 năm 2000, Đường Gia Triền và Nguyễn Dy Niên ký tại Bắc Kinh Hiệp định phân "
                    "định lãnh hải, theo đó hai bên ngừng bắn ở Vịnh Bắc Bộ.\n")
    assert ("location", "beijing") in facts_of(found, "agreement-2000-12-25")


# ---------------------------------------------------------------- round 15 (read on blind batch J)


def test_when_the_fighting_stops_is_when_the_treaty_takes_effect_and_signers_of_both_sides_are_read():
    found = extract("Chiến tranh Mùa Đông là cuộc chiến tranh giữa Liên Xô và Phần Lan.[1] Hòa ước Moskva được "
                    "ký tại Moskva ngày 12 tháng 3 năm 1940.[2] Những người ký hòa ước thay mặt Phần Lan là Risto "
                    "Ryti và Juho Paasikivi; thay mặt Liên Xô là Vyacheslav Molotov và Andrei Zhdanov.[3] Hòa ước "
                    "quy định chiến sự giữa hai nước chấm dứt vào 12 giờ trưa ngày 13 tháng 3 năm 1940.[4]\n")
    assert [e.slug for e in found.events] == ["armistice-1940-03-12"]
    facts = facts_of(found, "armistice-1940-03-12")
    assert {("signatory", "risto-ryti"), ("signatory", "vyacheslav-molotov"),
            ("effectiveFrom", DateValue("1940-03-13T12:00:00", "dateTime"))} <= facts


def test_do_is_by_not_a_particle_joining_a_body_and_a_person():
    found = extract("Ngày 5 tháng 8 năm 1979, tại Alger, phái đoàn Polisario do Bachir Mustapha Sayed dẫn đầu ký "
                    "hiệp định hòa bình với Mauritania.[1]\n")
    assert not [m for m in found.mentions if m.text.startswith("Polisario do")]


def test_an_agreement_told_by_its_city_and_by_the_hall_it_was_signed_in_the_same_day_is_one_with_one_place():
    found = extract("Hiệp định Varo được ký tại Washington ngày 28 tháng 9 năm 1995.[1] Ngày 28 tháng 9 năm 1995, "
                    "Thủ tướng Israel Yitzhak Rabin và Chủ tịch PLO Yasser Arafat chính thức ký văn kiện tại Phòng "
                    "Đông của Nhà Trắng.[2]\n")
    assert [e.slug for e in found.events] == ["agreement-1995-09-28"]
    assert [o for p, o in facts_of(found, "agreement-1995-09-28") if p == "location"] == ["washington-d-c"]


def test_the_years_of_a_wars_name_date_no_agreement_told_in_it():
    found = extract("Trong cuộc nổi dậy Varnesk 1990–1995, chính phủ Mali đã ký Hiệp định Gorvan với Phong trào Nhân "
                    "dân Varnesk (MPV) ngày 6 tháng 1 năm 1991 tại Algérie.[1]\n")
    assert [e.slug for e in found.events] == ["agreement-1991-01-06"]
    assert ("partOfConflict", "cuoc-noi-day-varnesk-1990-1995") in facts_of(found, "agreement-1991-01-06")


def test_a_document_titled_inside_the_sentence_is_a_new_agreement():
    found = extract("Sau mười ngày thương lượng, ngày 18 tháng 6 năm 2013, Thỏa thuận sơ bộ về bầu cử tổng thống được "
                    "ký tại Ouagadougou.[1]\n")
    assert [e.slug for e in found.events] == ["agreement-2013-06-18"]


def test_a_title_saying_the_document_ends_the_war_makes_an_armistice_a_lower_case_aim_does_not():
    titled = extract("Ngày 27 tháng 1 năm 1973, Hiệp định về chấm dứt chiến tranh, lập lại hòa bình ở Việt Nam được "
                     "ký kết tại Paris.[1]\n")
    assert [e.kind for e in titled.events] == ["Armistice"]
    aim = extract("Ngày 27 tháng 1 năm 1973, Việt Nam và Hoa Kỳ ký tại Paris một thỏa thuận về chấm dứt chiến "
                  "tranh.[1]\n")
    assert [e.kind for e in aim.events] == ["Agreement"]


def test_the_signers_follow_a_building_its_city_and_country_told_between_verb_and_giua():
    found = extract("Chiến tranh Varnesk là cuộc chiến giữa Peru và Chile từ năm 1975 đến năm 1991.\n\n"
                    "Hiệp định Lima là một bộ văn kiện được ký kết ngày 14 tháng 4 năm 1988 tại Dinh Chính phủ "
                    "(Palacio de Gobierno) ở Lima, Peru, giữa Peru và Chile.[1]")
    facts = facts_of(found, "agreement-1988-04-14")
    assert {"peru", "chile"} <= {o for p, o in facts if p in ("signatory", "party")}


def test_a_war_named_by_a_count_of_days_keeps_its_unit_and_an_agreement_also_called_a_declaration_is_one():
    found = extract("Chiến tranh Varnesk Mười ngày là cuộc xung đột năm 1991 giữa Peru và Chile.\n\n"
                    "Ngày 7 tháng 7 năm 1991, tại Lima, đại diện của Peru và Chile đã ký Thỏa thuận Lima, còn được gọi "
                    "là Tuyên bố Lima.[1]")
    assert [e.kind for e in found.events] == ["Agreement"]
    assert ("partOfConflict", "chien-tranh-varnesk-muoi-ngay") in facts_of(found, "agreement-1991-07-07")
