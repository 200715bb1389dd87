"""Participants of agreements in made-up articles: who signed, who mediated, which sides are parties."""

from __future__ import annotations

import pytest

from extract.model import DateValue
from tests.made_up_articles import assert_told, extract, facts_of


def test_title_country_of_a_person_is_still_no_mediator():
    found = extract("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                    "Thỏa thuận ngừng bắn có hiệu lực ngày 12 tháng 5 năm 1994, với sự trung gian của Bộ trưởng "
                    "Quốc phòng Nga Pavel Grachev.[1]\n")
    mediators = {obj for predicate, obj in facts_of(found, "ceasefire-1994-05-12") if predicate == "mediator"}
    assert mediators == {"pavel-grachev"}


def test_sides_of_a_passive_agreeing_are_parties():
    found = extract("Ngày 14 tháng 9 năm 2022, một lệnh ngừng bắn được Armenia và Azerbaijan đồng ý.[1]\n")
    parties = {o for p, o in facts_of(found, "ceasefire-2022-09-14") if p == "party"}
    assert parties == {"armenia", "azerbaijan"}


# (text, agreement, facts told of it, facts not told of it), one case a behaviour.
AGREEMENT_PARTICIPANTS_TOLD = [
    pytest.param("Một thỏa thuận ngừng bắn do Nga làm trung gian đã được Bộ trưởng Quốc phòng Armenia Serzh "
                 "Sargsyan ký ngày 12 tháng 5 năm 1994.[1]\n",
                 "ceasefire-1994-05-12",
                 {("signatory", "serzh-sargsyan")},
                 set(),
                 id="signers_between_duoc_and_ky_are_signatories"),
    pytest.param("Ngày 20 tháng 9 năm 2023, chính quyền Artsakh chấp nhận đề nghị ngừng bắn do bộ chỉ huy lực "
                 "lượng gìn giữ hòa bình Nga đưa ra.[1] Thỏa thuận ngừng bắn giữa Artsakh và Azerbaijan có "
                 "hiệu lực từ 13:00 giờ địa phương (UTC+4) cùng ngày.[2]\n",
                 "ceasefire-2023-09-20",
                 {("mediator", "russian-peacekeeping-forces-in-nagorno-karabakh"),
                  ("party", "artsakh"),
                  ("party", "azerbaijan"),
                  ("effectiveFrom", DateValue("2023-09-20T13:00:00+04:00", "dateTime"))},
                 set(),
                 id="accepting_a_ceasefire_proposal_makes_its_proposer_the_mediator"),
    pytest.param("Ngày 19 tháng 9 năm 1992, tại Sochi, Pavel Grachev, Rahim Gaziyev và Vazgen Sargsyan ký một "
                 "thỏa thuận ngừng bắn.[1] Grachev ký với tư cách là trung gian.[2]\n",
                 "ceasefire-1992-09-19",
                 {("mediator", "pavel-grachev"), ("signatory", "rahim-gaziyev")},
                 {("signatory", "pavel-grachev")},
                 id="mediator_who_signs_is_not_a_signatory"),
    pytest.param("Ngày 16 tháng 11 năm 2021, theo đề nghị của Nga, Armenia và Azerbaijan đồng ý ngừng bắn.[1]\n",
                 "ceasefire-2021-11-16",
                 {("mediator", "russia")},
                 {("party", "russia")},
                 id="side_that_proposed_a_ceasefire_is_its_mediator_not_a_party"),
    pytest.param("Ngày 17 tháng 10 năm 2020, Armenia và Azerbaijan cùng tuyên bố một lệnh ngừng bắn nhân đạo "
                 "mới do Pháp làm trung gian.[1]\n",
                 "ceasefire-2020-10-17",
                 {("party", "armenia"), ("party", "azerbaijan"), ("mediator", "france")},
                 set(),
                 id="sides_that_jointly_declare_a_ceasefire_are_its_parties"),
    pytest.param("Theo tuyên bố ba bên được ký ngày 9 tháng 11 năm 2020 giữa Azerbaijan, Armenia và Nga, "
                 "hành lang do Nga kiểm soát.[1]\n",
                 "declaration-2020-11-09",
                 {("signatory", "azerbaijan"), ("signatory", "armenia"), ("signatory", "russia")},
                 set(),
                 id="signing_date_may_stand_between_signed_and_its_signatories"),
    pytest.param("Ngày 12 tháng 6 năm 2023, Azerbaijan tuyên bố ngừng bắn đơn phương dọc biên giới.[1]\n",
                 "ceasefire-2023-06-12",
                 {("party", "azerbaijan")},
                 set(),
                 id="side_declaring_a_ceasefire_is_its_party"),
    pytest.param("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                 "Thỏa thuận ngừng bắn có hiệu lực ngày 12 tháng 5 năm 1994, với sự trung gian của Nga qua Bộ "
                 "trưởng Quốc phòng Pavel Grachev.[1]\n",
                 "ceasefire-1994-05-12",
                 {("mediator", "russia"), ("mediator", "pavel-grachev")},
                 set(),
                 id="country_acting_through_its_minister_mediates_with_him"),
    pytest.param("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                 "Dưới sự trung gian của Nga, Armenia và Azerbaijan đồng ý một lệnh ngừng bắn ngày 31 tháng 8 "
                 "năm 1993.[1]\n",
                 "ceasefire-1993-08-31",
                 {("mediator", "russia"), ("party", "armenia"), ("party", "azerbaijan")},
                 {("mediator", "armenia")},
                 id="mediation_phrase_before_the_subject_ends_at_the_comma_before_it"),
    pytest.param("Xung đột Nagorno-Karabakh kéo dài nhiều thập kỷ.\n"
                 "Ngày 6 tháng 2 năm 1995, với sự trung gian của OSCE, Armenia, Azerbaijan và Artsakh ký một "
                 "thỏa thuận về các sự cố.[1]\n",
                 "agreement-1995-02-06",
                 {("mediator", "organization-for-security-and-co-operation-in-europe"),
                  ("signatory", "armenia"),
                  ("signatory", "azerbaijan"),
                  ("signatory", "artsakh")},
                 {("mediator", "armenia")},
                 id="fronted_mediation_before_a_listed_subject_ends_at_its_first_comma"),
    pytest.param("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                 "Dưới sự trung gian của Nga, Iran và Kazakhstan, Armenia và Azerbaijan đồng ý một lệnh ngừng "
                 "bắn ngày 31 tháng 8 năm 1993.[1]\n",
                 "ceasefire-1993-08-31",
                 {("mediator", "russia"),
                  ("mediator", "iran"),
                  ("mediator", "kazakhstan"),
                  ("party", "armenia"),
                  ("party", "azerbaijan")},
                 {("mediator", "armenia")},
                 id="fronted_mediator_list_ends_at_the_comma_after_its_conjunction"),
    pytest.param("Chiến tranh Nagorno-Karabakh thứ nhất kéo dài từ năm 1988 đến năm 1994.\n"
                 "Với sự trung gian của Bộ trưởng Ngoại giao Nga, Andrei Kozyrev, Armenia và Azerbaijan đồng ý "
                 "một lệnh ngừng bắn ngày 31 tháng 8 năm 1993.[1]\n",
                 "ceasefire-1993-08-31",
                 {("mediator", "andrei-kozyrev"), ("party", "armenia"), ("party", "azerbaijan")},
                 {("party", "andrei-kozyrev")},
                 id="fronted_mediators_apposition_stays_with_the_mediator"),
    pytest.param("Ngày 5 tháng 9 năm 2014, các bên đi đến một văn kiện 12 điểm, tên chính thức là \"Nghị định thư "
                 "về kết quả tham vấn\".[1] Bên dưới văn bản là chữ ký của cựu Tổng thống Ukraina Leonid Kuchma "
                 "và Đại sứ Nga Mikhail Zurabov.[2]\n",
                 "protocol-2014-09-05",
                 {("signatory", "leonid-kuchma"), ("signatory", "mikhail-zurabov")},
                 set(),
                 id="signatures_under_the_text_told_next_are_the_agreements_signatories"),
]


@pytest.mark.parametrize(("text", "agreement", "told", "untold"), AGREEMENT_PARTICIPANTS_TOLD)
def test_agreement_is_told_with_its_signatories_mediators_and_parties(text, agreement, told, untold):
    assert_told(text, agreement, told, untold)
