"""Reading an article: NFC, paragraphs vs notes vs records by form, backlinks, readable errors."""

import unicodedata

import pytest

from extract.reader import ArticleError, read_article

RECORD = (
    "^Jones, Dorian (ngày 28 tháng 9 năm 2020). “Turkey Vows Support”. Voice of America. "
    "Truy cập ngày 20 tháng 12 năm 2020."
)


def test_text_is_nfc_and_offsets_point_into_it():
    decomposed = unicodedata.normalize("NFD", "Thỏa thuận được ký kết.[1]\n")
    document = read_article("x.vi.txt", text=decomposed)
    assert document.text == unicodedata.normalize("NFC", decomposed)
    (sentence,) = document.sentences
    assert document.text[sentence.begin : sentence.end] == sentence.text == "Thỏa thuận được ký kết.[1]"


def test_doc_id_and_language_come_from_the_file_name():
    document = read_article("corpus/nagorno-karabakh-2020.vi.txt", text="Câu.\n")
    assert (document.id, document.language) == ("nagorno-karabakh-2020", "vi")
    assert read_article("a.vi.txt", doc_id="other", text="Câu.").id == "other"


def test_prose_caret_line_among_records_is_a_note_with_its_backlinks():
    text = "\n".join(
        [
            "Thân bài.[1][2]",
            RECORD,
            "^ abNgày 11 tháng 1 năm 2021, Bộ công bố danh sách,[1] tuy nhiên[2] còn thiếu.",
            RECORD,
        ]
    )
    document = read_article("a.vi.txt", text=text)
    assert len(document.records) == 2 and len(document.notes) == 1
    note = document.notes[0]
    assert note.cited_times == 2
    assert document.text[note.begin : note.end].startswith("Ngày 11 tháng 1")
    assert [s.note for s in document.sentences] == [None, 1]


def test_backlink_letters_count_citations():
    text = "\n".join(["Thân bài.", "^ abc" + RECORD[1:], RECORD])
    assert [record.cited_times for record in read_article("a.vi.txt", text=text).records] == [3, 1]


def test_broken_reference_is_a_record():
    text = "Thân bài.\n^Lỗi chú thích: Thẻ <ref> sai; không có nội dung trong thẻ ref có tên x\n"
    (record,) = read_article("a.vi.txt", text=text).records
    assert record.broken and record.title is None


def test_missing_file_is_an_error_naming_it(tmp_path):
    with pytest.raises(ArticleError, match="nothere.vi.txt"):
        read_article(tmp_path / "nothere.vi.txt")


def test_directory_is_an_error(tmp_path):
    with pytest.raises(ArticleError, match="directory"):
        read_article(tmp_path)


def test_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.vi.txt"
    path.write_text(" \n\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="empty"):
        read_article(path)


def test_non_utf8_file_error_names_the_byte_offset(tmp_path):
    path = tmp_path / "latin.vi.txt"
    path.write_bytes("Câu một.\n".encode() + "Thỏa".encode("utf-16-le"))
    with pytest.raises(ArticleError, match=r"latin\.vi\.txt: not UTF-8 at byte \d+ \(line 2\)"):
        read_article(path)
