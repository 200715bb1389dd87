"""Mention detection: gazetteer longest match, word boundaries, and discovery of unknown names."""

from __future__ import annotations

import pytest

from extract.gazetteer import Gazetteer
from extract.mentions import SurfaceMatcher, _starts_word, _word_starts, find_entities
from tests.entity_documents import document_from_text


def _mentions(text: str, gazetteer: Gazetteer | None = None) -> list[tuple[str, str]]:
    _, mentions = find_entities(document_from_text(text), gazetteer)
    return [(m.text, m.entity) for m in mentions]


def test_nga_does_not_match_inside_vietnamese_words() -> None:
    assert _mentions("Ngay sau đó, ngân hàng và người Ngà nói chuyện.") == []


def test_longest_match_wins() -> None:
    found = _mentions("Bộ Quốc phòng Azerbaijan và Liên bang Nga đã ra tuyên bố.")
    assert found == [("Bộ Quốc phòng Azerbaijan", "ministry-of-defence-of-azerbaijan"),
                     ("Liên bang Nga", "russia")]


def test_lower_case_label_matches_at_sentence_start_but_capitalised_label_needs_capital() -> None:
    assert _mentions("Hành lang Lachin mở cửa.") == [("Hành lang Lachin", "lachin-corridor")]
    matcher = SurfaceMatcher(["Nga"])
    assert matcher.find("nga Nga") == [(4, 7, "Nga")]


def test_glued_words_are_split_at_a_lower_to_upper_change() -> None:
    found = _mentions("Sau vụ chiếm giữShusha, Tổng thống ArmeniaArmen Sarkissian phát biểu.")
    assert found == [("Shusha", "shusha"), ("Armenia", "armenia"), ("Armen Sarkissian", "armen-sarkissian")]


def test_names_of_one_entity_in_several_languages_are_one_entity() -> None:
    entities, mentions = find_entities(document_from_text("Nga, Liên bang Nga và Russia là một."))
    assert [e.slug for e in entities] == ["russia"]
    assert len(mentions) == 3


def test_people_and_languages_are_not_mentions_of_the_country() -> None:
    assert _mentions("Người Armenia nói tiếng Armenia ở Armenia.") == [("Armenia", "armenia")]


def test_mentions_keep_document_offsets_and_sentence_index() -> None:
    document = document_from_text("Trời mưa.\nQuân Azerbaijan tiến vào Füzuli.")
    _, mentions = find_entities(document)
    assert [(m.sentence, document.text[m.begin:m.end]) for m in mentions] == [(2, "Azerbaijan"), (2, "Füzuli")]


def test_surname_alone_refers_to_the_person_named_in_full_in_the_document() -> None:
    found = _mentions("Tổng thống Azerbaijan, Ilham Aliyev, phát biểu. Sau đó Aliyev đến Baku.")
    assert ("Aliyev", "ilham-aliyev") in found


def test_ambiguous_surname_without_full_name_is_not_guessed() -> None:
    assert all(slug not in ("ilham-aliyev", "heydar-aliyev") for _, slug in _mentions("Aliyev đến Baku."))


def test_unknown_village_after_cue_is_discovered_as_place() -> None:
    entities, mentions = find_entities(document_from_text("Thỏa thuận bị phá vỡ tại làng Qarxun hôm qua."))
    place = next(e for e in entities if e.slug == "qarxun")
    assert (place.kind, place.known, place.wikidata) == ("Place", False, None)
    assert place.labels == (("vi", "Qarxun"),)


def test_unknown_person_after_role_and_country_is_discovered() -> None:
    entities, _ = find_entities(document_from_text("Bộ trưởng Quốc phòng Armenia, Davtyan Sekoyan, từ chức."))
    assert {e.slug: e.kind for e in entities if not e.known} == {"davtyan-sekoyan": "Person"}


def test_rank_before_unknown_name_makes_a_person() -> None:
    entities, _ = find_entities(document_from_text("Lực lượng do Trung tướng Arkadi Voronin chỉ huy."))
    assert {e.slug: e.kind for e in entities if not e.known} == {"arkadi-voronin": "Person"}


def test_kind_spreads_along_a_list_and_brackets_give_aliases() -> None:
    text = "Các làng Tsakuri (Çaxırlı), Mets Tagh và Berdashen đã bị chiếm."
    entities, _ = find_entities(document_from_text(text))
    discovered = {e.slug: e for e in entities if not e.known}
    assert {slug: e.kind for slug, e in discovered.items()} == {
        "tsakuri": "Place", "mets-tagh": "Place", "berdashen": "Place"}
    assert discovered["tsakuri"].alt_labels == (("vi", "Çaxırlı"),)


def test_a_list_opened_after_a_place_noun_is_a_list_of_places() -> None:
    text = "Armenia trao trả ba ngôi làng thuộc tỉnh Zarvan, gồm Voskan Dara, Kirzali và Tumbul."
    entities, _ = find_entities(document_from_text(text))
    assert {e.slug: e.kind for e in entities if not e.known} == {
        "zarvan": "Place", "voskan-dara": "Place", "kirzali": "Place", "tumbul": "Place"}


def test_a_list_opened_without_a_place_noun_is_not_taken_for_places() -> None:
    text = "Phái đoàn gồm Voskan Dara và Tumbul Kirzali."
    entities, _ = find_entities(document_from_text(text))
    assert {e.kind for e in entities if not e.known} <= {"Person"}


def test_discovered_name_is_one_entity_across_sentences() -> None:
    text = "Quân đội tiến vào làng Tsakuri. Sau đó Tsakuri bị pháo kích."
    _, mentions = find_entities(document_from_text(text))
    assert [m.entity for m in mentions] == ["tsakuri", "tsakuri"]


def test_vietnamese_capitalised_words_are_not_discovered() -> None:
    entities, _ = find_entities(document_from_text("Hiệp định Quốc gia được đề xuất tại Hội nghị."))
    assert [e for e in entities if not e.known] == []


def test_a_body_is_named_by_its_head_word_and_capitalised_words() -> None:
    entities, _ = find_entities(document_from_text("Chính phủ Hiệp định Quốc gia được đề xuất tại Hội nghị."))
    assert [(e.slug, e.kind) for e in entities if not e.known] == [("chinh-phu-hiep-dinh-quoc-gia", "Organization")]


def test_a_body_takes_its_english_name_and_abbreviation_from_brackets() -> None:
    text = ("Với sự trung gian của Sáng kiến Quản lý Khủng hoảng (Crisis Management Initiative, CMI), "
            "hai bên ký. Sau đó CMI rút lui.")
    entities, mentions = find_entities(document_from_text(text))
    body = next(e for e in entities if e.kind == "Organization")
    assert body.slug == "crisis-management-initiative"
    assert ("en", "Crisis Management Initiative") in body.labels
    assert [m.text for m in mentions if m.entity == body.slug] == [
        "Sáng kiến Quản lý Khủng hoảng", "Crisis Management Initiative", "CMI", "CMI"]


def test_a_name_spelled_the_vietnamese_way_takes_the_english_name_in_brackets_after_it() -> None:
    text = "Hai bên gặp nhau tại làng Bàn Môn Điếm (Panmunjom). Sau đó, đàm phán ở Bàn Môn Điếm kéo dài."
    entities, mentions = find_entities(document_from_text(text))
    place = next(e for e in entities if e.kind == "Place")
    assert place.slug == "panmunjom"
    assert [m.text for m in mentions if m.entity == "panmunjom"] == ["Bàn Môn Điếm", "Panmunjom", "Bàn Môn Điếm"]


def test_a_single_latin_word_in_brackets_after_a_foreign_name_is_not_taken_for_its_english_name() -> None:
    entities, _ = find_entities(document_from_text("Quân đội tiến vào làng Qarxun (Karkhun) hôm qua."))
    assert "qarxun" in {e.slug for e in entities}


def test_a_head_word_and_a_known_country_is_that_country() -> None:
    entities, _ = find_entities(document_from_text("Quân đội Hàn Quốc tiến công."))
    assert [e.slug for e in entities] == ["south-korea"]


@pytest.mark.parametrize("text", ["Không có tên riêng nào ở đây.", ""])
def test_text_without_names_gives_nothing(text: str) -> None:
    assert find_entities(document_from_text(text)) == ([], [])


def test_a_custom_gazetteer_can_be_passed() -> None:
    gazetteer = Gazetteer.from_lines(['{"slug": "tsakuri", "kind": "Place", "labels": {"vi": ["Tsakuri"]}}'])
    entities, _ = find_entities(document_from_text("Pháo kích ở Tsakuri."), gazetteer)
    assert [(e.slug, e.known) for e in entities] == [("tsakuri", True)]


def test_a_country_told_in_full_is_named_again_by_one_word_after_a_word_for_troops() -> None:
    text = "Thổ Nhĩ Kỳ đổ bộ lên Síp. Sau đó quân Thổ tiến về phía nam, còn người dân Thổ thì ở lại."
    assert _mentions(text) == [("Thổ Nhĩ Kỳ", "turkey"), ("Síp", "cyprus"), ("Thổ", "turkey")]


def test_one_word_shared_by_two_countries_of_the_article_names_neither() -> None:
    text = "Thụy Sĩ và Thụy Điển ký. Sau đó quân Thụy rút."
    assert [slug for name, slug in _mentions(text) if name == "Thụy" and slug in ("switzerland", "sweden")] == []


def test_a_country_name_ending_a_foreign_name_is_part_of_it_and_a_cue_outweighs_bare_guesses() -> None:
    text = ("Phong trào Pathét Lào (Pathet Lao) ra đời. Khi Pathét Lào tiến, Pathét Lào thắng. "
            "Sau đó quân Pathét Lào rút.")
    entities, mentions = find_entities(document_from_text(text))
    assert {e.slug: e.kind for e in entities} == {"pathet-lao": "Organization"}
    assert {m.entity for m in mentions} == {"pathet-lao"}


def test_a_country_name_after_a_vietnamese_word_stays_the_country() -> None:
    assert _mentions("Sau đó Quân Nga rút khỏi thị trấn.") == [("Nga", "russia")]


def test_a_short_form_that_begins_a_vietnamese_word_is_not_the_country() -> None:
    text = "Trung Quốc tuyên bố trung lập. Quân Trung lập và quân Trung Quốc rút."
    assert [slug for name, slug in _mentions(text) if name == "Trung"] == []


def test_a_direction_and_a_country_name_a_state_of_its_own_in_english() -> None:
    text = "Việt Nam chia đôi. Hồi đó, quân Bắc Việt và quân Nam Việt Nam giao tranh."
    entities, _ = find_entities(document_from_text(text))
    kinds = {e.slug: e.kind for e in entities}
    assert kinds.get("north-vietnam") == "Country" and kinds.get("south-vietnam") == "Country"


def test_a_foreign_name_written_in_vietnamese_letters_as_one_word_is_a_name() -> None:
    # "Nôxavăn" has Vietnamese letters but is no Vietnamese syllable: a transliterated name, found like
    # any foreign one; "Phênh" beside such a word belongs to the same name.
    found = _mentions("Tướng Phumi Nôxavăn kéo quân về thủ đô. Sau đó Phênh Phôngxavăn đặt bút ký.")
    assert ("Phumi Nôxavăn", "phumi-noxavan") in found
    assert ("Phênh Phôngxavăn", "phenh-phongxavan") in found


def test_a_name_found_in_one_sentence_is_found_where_nothing_marks_it() -> None:
    text = ("Quân đội rút khỏi Thăng Long trong đêm. Mùa hè năm sau, quân nổi dậy đánh chiếm Thăng Long. "
            "Vua Càn Long nổi giận.")
    found = _mentions(text)
    assert found.count(("Thăng Long", "thang-long")) == 2
    assert ("Long", "can-long") not in found  # the end of a longer name is no one's surname


def test_a_royal_title_marks_a_one_word_name_as_a_person() -> None:
    entities, _ = find_entities(document_from_text("Hoàng thân Xuphanuvông tập kết quân ở phía bắc."))
    assert [(e.slug, e.kind) for e in entities] == [("xuphanuvong", "Person")]


def test_a_title_of_a_place_before_a_persons_name_is_split_into_the_place_and_the_person() -> None:
    entities, _ = find_entities(document_from_text(
        "Thị trưởng Sievierodonetsk Oleksandr Striuk cho biết quân Nga đã vào thành phố của Ukraina."))
    kinds = {e.slug: e.kind for e in entities}
    assert kinds.get("oleksandr-striuk") == "Person"
    assert kinds.get("sievierodonetsk") == "Place"


def test_a_great_city_is_found_by_its_other_name_outside_the_articles_countries() -> None:
    entities, _ = find_entities(document_from_text(
        "Năm 1975, Iran và Iraq ký Hiệp định tại Alger với sự trung gian của Algérie."))
    assert "algiers" in {e.slug for e in entities}


def test_word_starts_are_where_a_word_starts():
    """The matcher's fast scan finds exactly the positions ``_starts_word`` accepts, glues included."""
    text = "giữGanja, FitzGerald và a_b ½ x²y ǅa 3rd ĐàNẵng (Minsk)"
    assert _word_starts(text) == [i for i in range(len(text)) if _starts_word(text, i)]


def test_vietnamese_name_after_thanh_is_a_walled_town() -> None:
    entities, _ = find_entities(document_from_text("Quân triều đình rút về giữ thành Cẩm Khê và các thành Vĩnh Hựu, "
                                                   "Bình Lạc."))
    discovered = {e.slug: e.kind for e in entities if not e.known}
    assert discovered.get("cam-khe") == "Place"
    assert discovered.get("vinh-huu") == "Place"


def test_insurgent_body_is_the_one_meant_by_its_head_alone_and_by_troops_and_its_name() -> None:
    _, mentions = find_entities(document_from_text(
        "Năm 1510, nghĩa quân Bạch Vân nổi dậy. Quân Bạch Vân vây thành, rồi nghĩa quân rút lên núi."))
    assert [(m.text, m.entity) for m in mentions if m.entity == "nghia-quan-bach-van"] == [
        ("nghĩa quân Bạch Vân", "nghia-quan-bach-van"), ("Quân Bạch Vân", "nghia-quan-bach-van"),
        ("nghĩa quân", "nghia-quan-bach-van")]


def test_bare_insurgent_head_stays_unnamed_when_the_article_names_two_such_bodies() -> None:
    _, mentions = find_entities(document_from_text(
        "Nghĩa quân Bạch Vân và nghĩa quân Hắc Sơn cùng nổi dậy. Sau đó nghĩa quân rút lên núi."))
    assert [m.text for m in mentions if m.text == "nghĩa quân"] == []


def test_vietnamese_names_listed_after_a_place_cue_are_places() -> None:
    entities, _ = find_entities(document_from_text("Quân triều đình lần lượt bỏ các thành Vĩnh Hựu, Điêu Lộc và "
                                                   "Thị Đàm rồi rút về phía bắc."))
    discovered = {e.slug: e.kind for e in entities if not e.known}
    assert discovered == {"vinh-huu": "Place", "dieu-loc": "Place", "thi-dam": "Place"}


def test_persons_listed_without_a_place_cue_are_not_made_places() -> None:
    entities, _ = find_entities(document_from_text("Tướng Trần Vĩnh Hựu và Đinh Lộc Sơn cùng về kinh."))
    assert "Place" not in {e.kind for e in entities if not e.known}


def test_vietnamese_names_listed_after_a_verb_taking_places_are_places() -> None:
    entities, _ = find_entities(document_from_text("Quân triều đình lần lượt làm chủ Vĩnh Hựu, Điêu Lộc và "
                                                   "Đà Bình."))
    discovered = {e.slug: e.kind for e in entities if not e.known}
    assert discovered.get("da-binh") == "Place"


def test_arabic_particle_glued_by_a_hyphen_stays_inside_the_name() -> None:
    _, mentions = find_entities(document_from_text("Ngày 3 tháng 2, phiến quân Liwa al-Haqq chiếm Tell al-Zahra."))
    texts = [m.text for m in mentions]
    assert "Liwa al-Haqq" in texts and "Tell al-Zahra" in texts


def test_hyphen_particle_word_glued_to_the_next_name_does_not_join_it() -> None:
    _, mentions = find_entities(document_from_text("Lễ cầu nguyện có Mufti al-AzharAhmed Tayeb chủ trì."))
    assert "Mufti al-Azhar" not in [m.text for m in mentions]


def test_a_title_makes_a_person_of_a_name_the_world_data_knows_as_a_place():
    entities, _ = find_entities(document_from_text(
        "Chiến tranh Đông Dương là một cuộc chiến giữa Pháp và Việt Nam.\n"
        "Ngày 2 tháng 9 năm 1945, Hồ Chí Minh đọc Tuyên ngôn độc lập.\n"
        "Ngày 6 tháng 3 năm 1946, Chủ tịch Hồ Chí Minh ký Hiệp định Sơ bộ tại phố Lý Thái Tổ.\n"))
    kinds = {e.slug: e.kind for e in entities}
    assert kinds["ho-chi-minh"] == "Person"
    assert kinds["ly-thai-to"] == "Place"


@pytest.mark.parametrize(("name", "alternates", "canonical"), [
    ("Thị Trấn Thất Khê", ["Thi Tran That Khe", "Thất Khê"], "Thất Khê"),  # the unit word goes
    ("thị xã Quảng Trị", [], "Quảng Trị"),
    ("San Francisco", ["Francisco"], "San Francisco"),  # a two-word name keeps both words
    ("Ho Chi Minh City", ["Saigon"], "Ho Chi Minh City"),
])
def test_a_world_place_is_named_without_the_unit_word_its_other_names_leave_out(name, alternates, canonical):
    from extract.world import canonical_place_name

    assert canonical_place_name(name, alternates) == canonical


# ---------------------------------------------------------------- round 15 (read on blind batch J)


def test_a_body_named_by_its_bracketed_initials_lower_case_words_included() -> None:
    mentions = _mentions("Chiến dịch do Quân đội nhân dân Việt Nam (QĐNDVN) tiến hành. Ngày 28 tháng 4, QĐNDVN "
                         "chiếm thị xã Đông Hà.")
    assert ("Quân đội nhân dân Việt Nam", "quan-doi-nhan-dan-viet-nam") in mentions
    assert mentions.count(("QĐNDVN", "quan-doi-nhan-dan-viet-nam")) == 2


def test_a_feature_word_opening_a_name_names_the_feature_and_a_language_is_no_alias() -> None:
    mentions = _mentions("Chính quyền Dân tộc Vanora (tiếng Anh: Vanoran National Authority) điều hành Dải "
                         "Gaza. Ngày 18 tháng 5, Israel rút khỏi Dải Gaza.")
    assert ("Dải Gaza", "gaza-strip") in mentions
    assert not [m for m in mentions if m[0] == "Anh"]


def test_an_isos_inverted_name_gives_a_short_name_only_where_it_is_unique() -> None:
    from extract.world import countries

    english = {c.code: c.labels["en"] for c in countries()}
    assert "Palestine" in english["PS"]
    assert "Korea" not in english["KR"] and "Korea" not in english["KP"]


def test_slugs_fold_the_eth_geonames_writes_for_vietnamese_d() -> None:
    from extract.gazetteer import slugify

    assert slugify("Ðông Hà") == slugify("Đông Hà") == "dong-ha"


def test_a_body_goes_by_the_abbreviation_of_its_own_name_when_it_is_not_of_the_vietnamese_words() -> None:
    found = _mentions("Năm 2011 họ lập ra Phong trào Quốc gia Giải phóng Varnesk (tiếng Pháp: Mouvement national "
                      "de libération du Varnesk, MNLV). Sau đó MNLV tấn công.")
    assert ("MNLV", "mnlv") in found
    kept = _mentions("Quân đội Nhân dân Varnesk (QĐNDV) tấn công. Sau đó QĐNDV rút lui.")
    assert ("QĐNDV", "quan-doi-nhan-dan-varnesk") in kept



@pytest.mark.parametrize("text", ["Ngày 26 tháng 10 năm 1912, quân Serbia tiến vào Varnesgrad (Skopje).",
                                  "Ngày 26 tháng 10 năm 1912, quân Serbia chiếm Varnesgrad (nay là Skopje)."])
def test_an_old_name_the_world_lacks_is_the_place_of_the_present_name_in_brackets(text: str) -> None:
    assert ("Varnesgrad", "skopje") in _mentions(text)


def test_a_body_name_goes_on_over_the_lower_case_syllable_of_a_word_the_tagger_split() -> None:
    found = _mentions("Năm 1990, Mặt trận Yêu nước Varnesk (tiếng Anh: Varnesk Patriotic Front, VPF) tấn công. "
                      "Sau đó VPF rút lui.")
    assert ("Mặt trận Yêu nước Varnesk", "varnesk-patriotic-front") in found
    assert ("VPF", "varnesk-patriotic-front") in found


def test_an_abbreviation_may_hold_capitals_of_any_latin_alphabet() -> None:
    found = _mentions("Ngày 17 tháng 7 năm 1998, VÇK tấn công và chiếm thị trấn Varnesgrad.")
    assert ("VÇK", "vck") in found


def test_an_abbreviation_after_a_countrys_own_army_stands_for_the_country() -> None:
    found = _mentions("Ngày 22 tháng 1 năm 1993, Quân đội Croatia (VHV) mở chiến dịch. Sau đó VHV chiếm làng Varno.")
    assert ("VHV", "croatia") in found
