"""Date grammar: precision kept, ranges, times with zones, years inferred within a paragraph."""

import pytest

from extract.dates import find_dates, parse_date


@pytest.mark.parametrize(
    ("phrase", "lexical", "datatype"),
    [
        ("ngày 9 tháng 11 năm 2020", "2020-11-09", "date"),
        ("tháng 5 năm 1994", "1994-05", "gYearMonth"),
        ("năm 1994", "1994", "gYear"),
        ("2019", "2019", "gYear"),
        ("ngày 10 tháng 11", "--11-10", "gMonthDay"),
        ("00:00, ngày 10 tháng 11 năm 2020 giờ Moskva", "2020-11-10T00:00:00+03:00", "dateTime"),
        ("ngày 10 tháng 11 năm 2020, 00:00 giờ Moskva", "2020-11-10T00:00:00+03:00", "dateTime"),
        ("04:00 (00:00 UTC) ngày 10 tháng 10 năm 2020", "2020-10-10T04:00:00+04:00", "dateTime"),
        ("ngày 4 tháng 12 năm 2020, vào lúc 12:00 (UTC+4)", "2020-12-04T12:00:00+04:00", "dateTime"),
    ],
)
def test_phrase_parses_with_its_precision(phrase, lexical, datatype):
    value = parse_date(phrase)
    assert (value.lexical, value.datatype) == (lexical, datatype)


def test_impossible_or_non_date_phrases_are_none():
    assert parse_date("ngày 31 tháng 2 năm 2020") is None
    assert parse_date("mười giờ đàm phán") is None


def test_spans_point_into_the_text():
    text = "Chấm dứt xung đột kể từ 00:00, ngày 10 tháng 11 năm 2020 giờ Moskva.[96]"
    (value,) = find_dates(text)
    assert text[value.begin : value.end] == "00:00, ngày 10 tháng 11 năm 2020 giờ Moskva"


def test_day_range_start_borrows_month_and_year_from_its_end():
    text = "các cuộc diễn tập kéo dài từ 29 tháng 7 đến 10 tháng 8 năm 2020,"
    start, end = find_dates(text)
    assert (start.lexical, end.lexical) == ("2020-07-29", "2020-08-10")
    assert text[start.begin : start.end] == "29 tháng 7"


def test_year_range_is_two_years():
    text = "sau cuộc Chiến tranh Nagorno-Karabakh thứ nhất (1988–1994)."
    assert [(v.lexical, v.datatype) for v in find_dates(text)] == [("1988", "gYear"), ("1994", "gYear")]


def test_yearless_date_takes_the_closest_preceding_year_in_the_paragraph():
    paragraph = (
        "Ngày 10 tháng 11 năm 2020, đám đông vẫy cờ ở Baku. Ngày 11 tháng 11, Tổng thống phát biểu. "
        "Ngày 12 tháng 11, Bộ Nội vụ thông báo."
    )
    sentence_begin = paragraph.index("Ngày 12")
    (value,) = find_dates(paragraph, sentence_begin, context_begin=0)
    assert value.lexical == "2020-11-12"


def test_a_dated_day_outranks_a_bare_look_back_year():
    paragraph = "Ngày 19 tháng 11 năm 2020, quân rút đi. Thị trấn bị chiếm năm 1993. Ngày 22 tháng 11, mìn được gỡ."
    assert find_dates(paragraph)[-1].lexical == "2020-11-22"


def test_default_year_applies_when_the_paragraph_gives_none():
    assert find_dates("Ngày 27 tháng 9 được chọn làm Ngày Tưởng niệm.", default_year=2020)[0].lexical == "2020-09-27"


def test_missing_year_in_empty_year_phrase_is_not_invented():
    (value,) = find_dates("Ngày 12 tháng 12 năm, Tổng thống ban hành lệnh.")
    assert value.datatype == "gMonthDay"


@pytest.mark.parametrize(
    ("sentence", "phrase", "lexical"),
    [
        ("Cùng ngày, hai bên ký.", "Cùng ngày", "2020-10-10"),
        ("Ngày hôm sau, hai bên ký.", "Ngày hôm sau", "2020-10-11"),
        ("Hai ngày sau đó, hai bên ký.", "Hai ngày sau đó", "2020-10-12"),
        ("Trước đó một ngày, hai bên ký.", "Trước đó một ngày", "2020-10-09"),
        ("Ngừng bắn từ 20:00 giờ địa phương.", "20:00 giờ địa phương", "2020-10-10T20:00:00"),
        ("Ngừng bắn từ 18:30 giờ Moskva.", "18:30 giờ Moskva", "2020-10-10T18:30:00+03:00"),
        ("Ngừng bắn từ 12:00 (UTC+4) cùng ngày.", "12:00 (UTC+4) cùng ngày", "2020-10-10T12:00:00+04:00"),
        ("Thị trấn thất thủ ngay trong ngày.", "ngay trong ngày", "2020-10-10"),
        ("Nhiều người thiệt mạng trong ngày hôm đó.", "trong ngày hôm đó", "2020-10-10"),
        ("Chỉ vài giờ sau, hai bên ký.", "Chỉ vài giờ sau", "2020-10-10"),
        ("Mười bốn ngày sau, hai bên ký.", "Mười bốn ngày sau", "2020-10-24"),
    ],
)
def test_relative_day_and_bare_time_read_against_the_date_before(sentence, phrase, lexical):
    text = "Ngày 10 tháng 10 năm 2020, đàm phán. " + sentence
    value = find_dates(text)[-1]
    assert (value.lexical, text[value.begin : value.end]) == (lexical, phrase)


def test_a_same_day_phrase_followed_by_more_words_is_not_a_date():
    text = "Ngày 10 tháng 10 năm 2020, đàm phán. Trong ngày lễ, hai bên gặp nhau. Sau vài giờ kháng cự, đồn đầu hàng."
    assert [v.lexical for v in find_dates(text)] == ["2020-10-10"]


def test_relative_day_with_no_date_before_is_not_a_date():
    assert find_dates("Cùng ngày, lúc 20:00, hai bên ký.") == []


def test_relative_day_in_a_sentence_takes_its_anchor_from_the_paragraph_context():
    text = "Ngày 13 tháng 9 năm 2022, giao tranh. Ngày hôm sau, ngừng bắn."
    sentence_begin = text.index("Ngày hôm")
    (value,) = find_dates(text, sentence_begin, context_begin=0)
    assert value.lexical == "2022-09-14"


def test_local_time_with_offset_before_the_date_keeps_the_offset():
    text = "có hiệu lực từ 08:00 giờ địa phương (UTC+4) ngày 26 tháng 10 năm 2020."
    assert [d.lexical for d in find_dates(text)] == ["2020-10-26T08:00:00+04:00"]


def test_bare_year_earlier_in_the_text_beats_the_default_year():
    text = "Sau khi Chiến tranh X năm 2020 bùng nổ, ngày 1 tháng 10, các bên gặp nhau."
    assert find_dates(text, default_year=2016)[-1].lexical == "2020-10-01"


def test_a_lunar_date_is_dropped_and_the_solar_date_beside_it_kept():
    text = "Ngày 20 tháng 11 năm Mậu Thân (17 tháng 12 năm 1788), quân Thanh vào thành."
    assert [d.lexical for d in find_dates(text)] == ["1788-12-17"]
    assert [d.lexical for d in find_dates("ngày 25 tháng 11 Mậu Thân (22/12/1788)")] == ["1788-12-22"]


def test_numeric_day_month_year():
    assert [(d.lexical, d.datatype) for d in find_dates("Ngày 23/7/1962, đại diện các nước ký.")] == [
        ("1962-07-23", "date")]


def test_that_same_day_is_read_before_the_clause_goes_on():
    text = "Ngày 6 tháng 9 năm 1965, quân tiến. Họ chiếm được làng ngay trong ngày hôm đó nhưng phải rời bỏ."
    assert [d.lexical for d in find_dates(text)] == ["1965-09-06", "1965-09-06"]
    assert [d.lexical for d in find_dates("Ngày 6 tháng 9 năm 1965, quân tiến. Vài giờ sau khi ngừng bắn, X.")] \
        == ["1965-09-06"]  # "vài giờ sau khi": after what follows, not the day told before


def test_that_year_and_the_same_year_take_the_year_told_last():
    text = "Năm 1612, quân triều đình vây thành. Mùa đông năm ấy, thành bị hạ. Cuối năm, họ rút về."
    assert [(d.lexical, text[d.begin:d.end]) for d in find_dates(text)] == [
        ("1612", "Năm 1612"), ("1612", "năm ấy"), ("1612", "Cuối năm")]


def test_a_month_of_that_year_and_a_count_of_years_are_not_a_same_year_phrase():
    text = "Năm 1612, quân triều đình vây thành. Tháng 3 năm đó, trong những năm đó và trong năm ngày sau."
    assert [d.lexical for d in find_dates(text)] == ["1612", "1612-03"]


def test_end_of_the_month_is_the_month_told_last():
    text = "Từ ngày 24 tháng 5 năm 1612, quân triều đình vây thành; đến cuối tháng, thành bị hạ."
    assert [(d.lexical, d.datatype) for d in find_dates(text)] == [("1612-05-24", "date"), ("1612-05", "gYearMonth")]


def test_a_relative_day_right_after_a_date_restates_it_from_another_event():
    text = "On 12 May 1990, ten days after the signing in Varo, the commanders met. Two days later they left."
    dates = find_dates(text, language="en")
    assert [d.lexical for d in dates] == ["1990-05-12", "1990-05-14"]
