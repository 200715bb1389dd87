"""Unit tests of the event extractors: one short made-up text per rule."""

from __future__ import annotations

import pytest

from extract.evaluate import Score, differences, event_rows, object_text, read_golden, score
from extract.model import DateValue, TextValue
from tests.made_up_articles import assert_told, extract, facts_of

ARMISTICE = (
    "Chiến tranh Nagorno-Karabakh 2020 kéo dài từ ngày 27 tháng 9 năm 2020 đến ngày 10 tháng 11 năm 2020.\n"
    "Sau vụ chiếm giữ Shusha, một thỏa thuận đình chiến được ký giữa Tổng thống Azerbaijan, Ilham Aliyev, "
    "Thủ tướng Armenia, Nikol Pashinyan, và Tổng thống Nga, Vladimir Putin, chấm dứt tất cả xung đột trong "
    "khu vực kể từ 00:00, ngày 10 tháng 11 năm 2020 giờ Moskva.[1] Tổng thống Artsakh, Arayik Harutyunyan, "
    "cũng đồng ý chấm dứt chiến tranh.[2] Dưới thỏa thuận này, các bên sẽ giữ quyền kiểm soát các lãnh thổ.\n"
    "Theo Bộ Quốc phòng Azerbaijan, thỏa thuận đình chiến bị phá vỡ ngày 26 tháng 11, tại làng Sor.\n"
    "Ngày 8 tháng 11 năm 2020, quân Azerbaijan chiếm được Shusha.[3]\n"
    "Ngày 9 tháng 11 năm 2020, sau Shusha bị chiếm giữ, một thỏa thuận đình chiến được ký giữa Tổng thống "
    "Azerbaijan, Ilham Aliyev, Thủ tướng Armenia, Nikol Pashinyan, và Tổng thống Nga, Vladimir Putin, kết thúc "
    "tất cả xung đột từ ngày 10 tháng 11 năm 2020, 00:00 giờ Moskva.[4]\n"
)


def event(extraction, slug: str):
    found = [e for e in extraction.events if e.slug == slug]
    assert found, f"no event {slug}; events: {[e.slug for e in extraction.events]}"
    return found[0]


@pytest.fixture(scope="module")
def armistice():
    return extract(ARMISTICE)


def test_armistice_is_one_node_across_paragraphs(armistice):
    armistices = [e for e in armistice.events if e.kind == "Armistice"]
    assert [e.slug for e in armistices] == ["armistice-2020-11-09"]
    sentences = {s.index: s.text for s in armistice.document.sentences}
    told = [sentences[i] for i in armistices[0].sentences]
    assert any(text.startswith("Sau vụ chiếm giữ Shusha") for text in told)
    assert any(text.startswith("Ngày 9 tháng 11 năm 2020") for text in told)
    assert any(text.startswith("Dưới thỏa thuận này") for text in told)
    assert any("bị phá vỡ" in text for text in told)


def test_signatories_are_the_people_not_their_countries(armistice):
    facts = facts_of(armistice, "armistice-2020-11-09")
    assert {o for p, o in facts if p == "signatory"} == {"ilham-aliyev", "nikol-pashinyan", "vladimir-putin"}


def test_fact_told_twice_has_evidence_from_both_sentences(armistice):
    fact = next(f for f in armistice.facts
                if f.subject == "armistice-2020-11-09" and f.predicate == "signatory" and f.object == "vladimir-putin")
    assert len(fact.evidence) == 2
    for evidence in fact.evidence:
        sentence = next(s for s in armistice.document.sentences if s.index == evidence.sentence)
        assert sentence.begin <= evidence.begin < evidence.end <= sentence.end
        assert "Putin" in armistice.document.text[evidence.begin:evidence.end]


def test_leader_who_also_agreed_is_a_party_not_a_signatory(armistice):
    facts = facts_of(armistice, "armistice-2020-11-09")
    assert ("party", "arayik-harutyunyan") in facts
    assert ("signatory", "arayik-harutyunyan") not in facts


def test_effective_time_keeps_the_moscow_zone_and_signing_date_is_a_day(armistice):
    facts = facts_of(armistice, "armistice-2020-11-09")
    assert ("effectiveFrom", DateValue("2020-11-10T00:00:00+03:00", "dateTime")) in facts
    assert ("signingDate", DateValue("2020-11-09", "date")) in facts
    assert not any(p == "location" for p, _ in facts)  # "giờ Moskva" is a zone, not a place


def test_breach_date_and_place_are_not_taken_for_the_agreement(armistice):
    facts = facts_of(armistice, "armistice-2020-11-09")
    assert ("signingDate", DateValue("2020-11-26", "date")) not in facts
    assert len([e for e in armistice.events if e.kind == "Armistice"]) == 1


def test_capture_told_before_its_date_is_linked_not_duplicated(armistice):
    captures = [e for e in armistice.events if e.kind == "Capture"]
    assert [e.slug for e in captures] == ["capture-shusha-2020-11-08"]
    assert len(captures[0].sentences) == 3  # "Sau vụ chiếm giữ", the capture, "sau Shusha bị chiếm giữ"
    facts = facts_of(armistice, "capture-shusha-2020-11-08")
    assert ("capturedBy", "azerbaijan") in facts and ("status", TextValue("Confirmed")) in facts


def test_events_belong_to_the_articles_conflict(armistice):
    assert ("partOfConflict", "2020-nagorno-karabakh-war") in facts_of(armistice, "armistice-2020-11-09")


def test_counted_ceasefires_form_a_group_with_their_mediators():
    extraction = extract("Ba thỏa thuận ngừng bắn do Nga, Pháp, và Hoa Kỳ làm trung gian vẫn không thể chấm dứt "
                         "cuộc giao tranh.[1]\n")
    group = event(extraction, "agreement-group-russia-france-united-states")
    assert group.kind == "AgreementGroup"
    facts = facts_of(extraction, group.slug)
    assert ("memberCount", TextValue("3")) in facts
    assert {o for p, o in facts if p == "mediator"} == {"russia", "france", "united-states"}


def test_parties_who_agreed_and_the_place_of_the_talks():
    extraction = extract("Trước 04:00 (00:00 UTC) ngày 10 tháng 10 năm 2020, Nga thông báo rằng cả Armenia và "
                         "Azerbaijan đã đồng ý ngừng bắn nhân đạo sau mười giờ đàm phán tại Moskva.[1]\n")
    facts = facts_of(extraction, "ceasefire-2020-10-10")
    assert {o for p, o in facts if p == "party"} == {"armenia", "azerbaijan"}
    assert ("location", "moscow") in facts
    assert ("signingDate", DateValue("2020-10-10", "date")) in facts
    assert not any(p in ("party", "mediator", "signatory") and o == "russia" for p, o in facts)


def test_signatories_before_ky_and_mediator_person():
    extraction = extract("Tại Sankt-Peterburg ngày 20 tháng 6 năm 2016, Ilham Aliyev và Serzh Sargsyan ký một "
                         "tuyên bố chung với sự trung gian của Tổng thống Nga Vladimir Putin.[1]\n")
    facts = facts_of(extraction, "declaration-2016-06-20")
    assert {o for p, o in facts if p == "signatory"} == {"ilham-aliyev", "serzh-sargsyan"}
    assert {o for p, o in facts if p == "mediator"} == {"vladimir-putin"}
    assert ("location", "saint-petersburg") in facts


def test_demonstrative_adds_signatories_to_the_agreement_told_before():
    extraction = extract("Ngày 5 tháng 5 năm 1994, Nghị định thư Bishkek được ký kết tại Bishkek dưới sự bảo trợ "
                         "của Nga và Kyrgyzstan.[1] Nghị định thư này do đại diện của Armenia và Azerbaijan ký.[2]\n")
    assert [e.slug for e in extraction.events] == ["protocol-1994-05-05"]
    facts = facts_of(extraction, "protocol-1994-05-05")
    assert {o for p, o in facts if p == "signatory"} == {"armenia", "azerbaijan"}
    assert {o for p, o in facts if p == "mediator"} == {"russia", "kyrgyzstan"}


def test_announced_captures_are_claimed_each_with_its_own_date():
    extraction = extract("Azerbaijan thông báo chiếm được Jabrayil ngày 9 tháng 10 năm 2020 và Füzuli ngày 17 "
                         "tháng 10 năm 2020.[1]\n")
    assert {e.slug for e in extraction.events} == {"capture-jabrayil-2020-10-09", "capture-fuzuli-2020-10-17"}
    for slug in ("capture-jabrayil-2020-10-09", "capture-fuzuli-2020-10-17"):
        facts = facts_of(extraction, slug)
        assert ("status", TextValue("Claimed")) in facts and ("capturedBy", "azerbaijan") in facts


def test_claimed_capture_has_lower_confidence_than_confirmed():
    extraction = extract("Azerbaijan thông báo chiếm được Jabrayil ngày 9 tháng 10 năm 2020.[1] "
                         "Ngày 8 tháng 11 năm 2020, quân Azerbaijan chiếm được Shusha.[2]\n")

    def confidence(slug: str) -> float:
        fact = next(f for f in extraction.facts if f.subject == slug and f.predicate == "territory")
        return fact.evidence[0].confidence

    assert 0 < confidence("capture-jabrayil-2020-10-09") < confidence("capture-shusha-2020-11-08") <= 1


def test_undated_passive_holding_starts_no_capture():
    extraction = extract("Các làng Khtsaberd, Hin Tagher và tu viện Katarovank đã bị Artsakh chiếm giữ trong "
                         "cuộc chiến.[1]\n")
    assert not [e for e in extraction.events if e.kind == "Capture"]


def test_ca_hai_returns_the_two_villages_named_before():
    extraction = extract("Các làng Khtsaberd (Çaylaqqala), Hin Tagher (Köhnə Tağlar), và tu viện Katarovank đã bị "
                         "Artsakh chiếm giữ trong cuộc chiến.[1] Ngày 13 tháng 12, lực lượng Nga chiếm quyền kiểm "
                         "soát Hin Tagher.[2] Tuy nhiên, Bộ Quốc phòng Nga phát hành bản đồ cho thấy cả hai ngôi làng "
                         "nằm ngoài phạm vi của nhiệm vụ, và cả hai được trả về cho Azerbaijan.[3]\n")
    transfers = {e.slug for e in extraction.events if e.kind == "TerritoryTransfer"}
    assert transfers == {"territory-transfer-khtsaberd", "territory-transfer-hin-tagher"}
    assert ("toParty", "azerbaijan") in facts_of(extraction, "territory-transfer-khtsaberd")


def test_counted_districts_planned_then_completed():
    extraction = extract("Ngày 10 tháng 11 năm 2020, Armenia đồng ý sẽ trao trả cho Azerbaijan ba quận, gồm Agdam, "
                         "Kalbajar và Lachin.[1] Ngày 1 tháng 12 năm 2020, ba quận được bàn giao cho Azerbaijan.[2]\n")
    slugs = {e.slug for e in extraction.events}
    for place in ("agdam", "kalbajar", "lachin"):
        planned = facts_of(extraction, f"territory-transfer-{place}-planned")
        assert ("status", TextValue("Planned")) in planned and ("fromParty", "armenia") in planned
        assert not any(p == "date" for p, _ in planned)  # the sentence's date is when it was agreed
        assert f"territory-transfer-{place}-2020-12-01" in slugs


def test_giver_named_with_tu_and_later_telling_merges():
    extraction = extract("Trước khi chuyển giao quận Kalbajar từ Artsakh cho Azerbaijan, người dân đốt nhà.[1]\n"
                         "Ngày 25 tháng 11 năm 2020, Kalbajar trở thành quận thứ hai được trao trả cho "
                         "Azerbaijan.[2]\n")
    transfers = [e for e in extraction.events if e.kind == "TerritoryTransfer"]
    assert [e.slug for e in transfers] == ["territory-transfer-kalbajar-2020-11-25"]
    assert ("fromParty", "artsakh") in facts_of(extraction, transfers[0].slug)


def test_look_back_outside_the_articles_years_is_not_part_of_its_conflict(armistice):
    extraction = extract(ARMISTICE + "Quận Lachin bị quân đội Armenia chiếm giữ năm 1992.[5]\n")
    facts = facts_of(extraction, "capture-lachin-1992")
    assert ("capturedBy", "armenia") in facts
    assert not any(p == "partOfConflict" for p, _ in facts)


def test_score_counts_per_relation_and_diff_names_missing_and_extra(tmp_path):
    golden = tmp_path / "g.facts.tsv"
    golden.write_text('# comment\ne\ttype\tCapture\ne\tterritory\tshusha\ne\tdate\t"2020-11-08"^^date\n',
                      encoding="utf-8")
    expected = read_golden(golden)
    found = {("e", "type", "Capture"), ("e", "territory", "agdam"), ("e", "date", '"2020-11-08"^^date')}
    scores = {s.relation: s for s in score(expected, found)}
    assert scores["territory"] == Score("territory", 1, 1, 0)
    assert scores["all"].precision == pytest.approx(2 / 3) and scores["all"].recall == pytest.approx(2 / 3)
    diff = differences(expected, found)
    assert "- e\tterritory\tshusha" in diff and "+ e\tterritory\tagdam" in diff


def test_rows_spell_dates_and_texts_like_golden_files(armistice):
    assert object_text(DateValue("1992", "gYear")) == '"1992"^^gYear'
    assert object_text(TextValue("Planned")) == '"Planned"'
    assert ("armistice-2020-11-09", "type", "Armistice") in event_rows(armistice)


def test_a_dated_capture_with_no_taker_named_is_an_event_of_its_own():
    text = ("Chiến tranh Thử (tiếng Anh: Test War) là một cuộc chiến.\n"
            "Quân Pháp rút khỏi thị trấn Lạng Sơn. Ngày 3 tháng 2 năm 1885, đoàn quân viễn chinh đánh chiếm "
            "Lạng Sơn.[1] Ngày 28 tháng 3 năm 1885, quân Thanh chiếm lại Lạng Sơn.[2]\n")
    captures = sorted(e.slug for e in extract(text).events if e.kind == "Capture")
    assert captures == ["capture-lang-son-1885-02-03", "capture-lang-son-1885-03-28"]


def test_agreements_with_different_names_are_never_one():
    text = ("Chiến tranh Thử (tiếng Anh: Test War) là một cuộc chiến kết thúc bằng Tuyên bố Tashkent với sự "
            "trung gian của Liên Xô.\n"
            "Ngày 27 tháng 7 năm 1949, đại diện quân sự hai nước ký Hiệp định Karachi.[1]\n")
    kinds = sorted(e.kind for e in extract(text).events)
    assert kinds == ["Agreement", "Declaration"]


def test_a_feature_word_before_a_discovered_place_is_part_of_its_english_name():
    text = "Ngày 28 tháng 8 năm 1965, quân Ấn Độ chiếm đèo Haji Pir.[1]\n"
    assert "capture-haji-pir-pass-1965-08-28" in {e.slug for e in extract(text).events}



def test_a_counted_group_of_quoted_treaties_takes_the_sentences_one_day_and_place():
    extraction = extract("Ngày 5 tháng 5 năm 1920, tại Paris, Pháp và Ý ký bốn \"hiệp ước thân thiện\".[1]\n")
    groups = [e for e in extraction.events if e.kind == "AgreementGroup"]
    assert len(groups) == 1
    facts = facts_of(extraction, groups[0].slug)
    assert ("memberCount", TextValue("4")) in facts
    assert {str(o) for p, o in facts if p in ("signingDate", "location")} >= {"paris"}
    assert any(p == "signingDate" for p, o in facts)


def test_an_agreement_signed_in_a_hall_of_a_palace_of_a_city_is_located_in_the_city():
    extraction = extract("Ngày 5 tháng 5 năm 1920, tại Sảnh Georgievsky trong Điện Kremlin ở Moskva, Nga và "
                         "Phần Lan ký một hiệp ước hòa bình.[1]\n")
    agreements = [e for e in extraction.events if e.kind in ("Agreement", "PeaceAgreement", "Treaty")]
    assert agreements, [e.slug for e in extraction.events]
    assert ("location", "moscow") in facts_of(extraction, agreements[0].slug)


def test_an_indefinite_treaty_is_not_the_document_told_just_before():
    told = "Pháp đề xuất một hiệp định ngừng bắn giữa Nga và Phần Lan.[1] Ngày 9 tháng 6 năm 1920, Nga và Phần Lan ký "
    assert [e.kind for e in extract(told + "hiệp ước.[2]\n").events] == ["Ceasefire"]
    assert sorted(e.kind for e in extract(told + "một hiệp ước.[2]\n").events) == ["Agreement", "Ceasefire"]


# (text, event, facts told of it, facts not told of it), one case a behaviour.
EVENTS_TOLD = [
    pytest.param("Ngày 26 tháng 10 năm 2020, một thỏa thuận ngừng bắn do Hoa Kỳ khởi xướng được đặt ra, "
                 "nhưng giao tranh nhanh chóng tiếp tục.[1]\n",
                 "ceasefire-2020-10-26",
                 {("mediator", "united-states")},
                 set(),
                 id="mediator_introduced_by_khoi_xuong"),
    pytest.param("Azerbaijan thông báo rằng đã hoàn toàn trấn thủ vùng giáp với Iran sau khi chiếm được "
                 "Agbend ngày 22 tháng 10 năm 2020.[1]\n",
                 "capture-agbend-2020-10-22",
                 {("capturedBy", "azerbaijan")},
                 set(),
                 id="capturer_is_not_a_landmark_country"),
    pytest.param("Ngày 9 tháng 5 năm 1992, thành phố Shusha bị lực lượng Armenia chiếm giữ.[1]\n",
                 "capture-shusha-1992-05-09",
                 {("capturedBy", "armenia"), ("territory", "shusha")},
                 set(),
                 id="dated_passive_capture_names_the_taker_between_bi_and_the_verb"),
    pytest.param("Quận đầu tiên được trao trả cho Azerbaijan là quận Agdam, vào ngày 20 tháng 11 năm "
                 "2020.[1]\n",
                 "territory-transfer-agdam-2020-11-20",
                 {("toParty", "azerbaijan"), ("status", TextValue("Completed"))},
                 set(),
                 id="recipient_then_copula_names_the_territory"),
]


@pytest.mark.parametrize(("text", "event", "told", "untold"), EVENTS_TOLD)
def test_event_is_told_with_its_taker_mediator_and_recipient(text, event, told, untold):
    assert_told(text, event, told, untold)


# Texts that tell of no event, one case a behaviour.
NO_EVENT_TEXTS = [
    pytest.param("Truyền thông Armenia cho rằng Lachin sẽ không được trao trả cho Azerbaijan.[1]\n",
                 id="negated_transfer_is_ignored"),
    pytest.param("Ngày 14 tháng 11, việc quản lý hồ chứa Sugovushan được chuyển giao từ quân đội sang cho "
                 "Bộ Tình huống Khẩn cấp Azerbaijan.[1]\n",
                 id="handing_a_reservoir_to_a_ministry_is_not_a_territory_transfer"),
    pytest.param("Quân Armenia sẽ rút khỏi những vùng chiếm đóng xung quanh Nagorno-Karabakh.[1]\n",
                 id="surrounding_territory_is_not_the_named_place"),
]


@pytest.mark.parametrize("text", NO_EVENT_TEXTS)
def test_text_tells_of_no_event(text):
    assert not extract(text).events
