"""Reference records: fields read by the form of citation templates."""

from extract.reader import read_article
from extract.records import is_record


def record(line: str):
    (parsed,) = read_article("a.vi.txt", text="Thân bài.\n" + line).records
    return parsed


def test_web_record_with_translated_title_website_publisher_language_and_dates():
    parsed = record(
        "^Zargaryan, Robert (ngày 3 tháng 10 năm 2020). “Ուղիղ չվերթով Երևան” [By direct flight to Yerevan]. "
        "azatutyun.am (bằng tiếng Armenia). RFE/RL. Lưu trữ bản gốc ngày 6 tháng 10 năm 2020. "
        "Truy cập ngày 20 tháng 12 năm 2020."
    )
    assert parsed.creators == ("Zargaryan, Robert",)
    assert parsed.title == "Ուղիղ չվերթով Երևան"
    assert parsed.translated_title == "By direct flight to Yerevan"
    assert (parsed.website, parsed.publisher, parsed.language) == ("azatutyun.am", "RFE/RL", "hy")
    assert parsed.date.lexical == "2020-10-03"
    assert parsed.archived_on.lexical == "2020-10-06" and parsed.accessed_on.lexical == "2020-12-20"
    assert parsed.quote is None and not parsed.broken


def test_several_authors_split_on_semicolons():
    parsed = record(
        "^Hedenskog, Jakob; Lund, Aron; Norberg, Johan. “The End of the Second Karabakh War”. "
        "Cơ quan Nghiên cứu Quốc phòng Thụy Điển (bằng tiếng Anh). Stockholm."
    )
    assert parsed.creators == ("Hedenskog, Jakob", "Lund, Aron", "Norberg, Johan")
    assert parsed.language == "en"


def test_quote_is_the_text_after_the_access_date():
    parsed = record(
        "^“F-16s Reveal Turkey's Drive”. Stratfor. ngày 8 tháng 10 năm 2020. "
        "Bản gốc lưu trữ ngày 10 tháng 10 năm 2020. "
        "Truy cập ngày 11 tháng 10 năm 2020. The presence... demonstrate[s] direct involvement. By Turkey."
    )
    assert parsed.publisher == "Stratfor" and parsed.website is None
    assert parsed.date.lexical == "2020-10-08" and parsed.archived_on.lexical == "2020-10-10"
    assert parsed.quote == "The presence... demonstrate[s] direct involvement. By Turkey."


def test_book_with_year_place_publisher_page_and_isbn():
    parsed = record(
        "^Broers, Laurence (2019). Armenia and Azerbaijan: Anatomy of Rivalry. Edinburgh: Edinburgh University Press. "
        "tr. 18. ISBN978-1-4744-5055-3. Armenians see the campaign as peaceful."
    )
    assert parsed.title == "Armenia and Azerbaijan: Anatomy of Rivalry"
    assert (parsed.date.lexical, parsed.date.datatype) == ("2019", "gYear")
    assert parsed.publisher == "Edinburgh University Press"
    assert parsed.quote == "Armenians see the campaign as peaceful."


def test_work_then_publisher_when_both_are_given():
    parsed = record(
        "^“Azerbaijan enters land”. The Canberra Times (bằng tiếng Anh). Australian Associated Press. "
        "ngày 20 tháng 11 năm 2020. Truy cập ngày 27 tháng 11 năm 2020."
    )
    assert (parsed.website, parsed.publisher) == ("The Canberra Times", "Australian Associated Press")


def test_prose_that_cites_is_a_note_even_with_a_date():
    assert not is_record("Ngày 11 tháng 1 năm 2021, Bộ công bố danh sách 2.841 binh lính,[1] tuy nhiên[2] còn thiếu.")
    assert not is_record("Turkey and Azerbaijan deny direct involvement of Turkey.[16][17][18]")
    assert is_record("Lỗi chú thích: Thẻ <ref> sai; không có nội dung trong thẻ ref có tên x")
