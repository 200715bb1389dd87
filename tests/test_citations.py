"""Citation markers: only numeric brackets, each tied to the sentence it closes."""

from extract.reader import read_article


def test_every_numeric_bracket_is_a_marker_in_its_sentence():
    text = "Hiệp định ký tại Bishkek[1] năm 1994.[2][3] Câu sau.[4]\n"
    document = read_article("a.vi.txt", text=text)
    assert [(m.number, m.sentence) for m in document.markers] == [(1, 1), (2, 1), (3, 1), (4, 2)]
    for marker in document.markers:
        assert document.text[marker.begin : marker.end] == f"[{marker.number}]"


def test_bracketed_words_are_not_markers():
    text = "Bài viết demonstrate[s] sự tham gia [By direct flight to Yerevan] của họ.[7]\n"
    assert [m.number for m in read_article("a.vi.txt", text=text).markers] == [7]


def test_records_hold_no_markers_and_notes_do():
    text = "\n".join(
        [
            "Thân bài.[1]",
            "^Ghi chú dẫn nguồn.[2]",
            "^“Title” [Translated 3]. site.az (bằng tiếng Azerbaijan). ngày 7 tháng 12 năm 2020. "
            "Truy cập ngày 8 tháng 12 năm 2020.",
        ]
    )
    document = read_article("a.vi.txt", text=text)
    assert [m.number for m in document.markers] == [1, 2]
    assert document.sentences[document.markers[1].sentence - 1].note == 1
