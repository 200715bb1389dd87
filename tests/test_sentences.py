"""Sentence splitting: citation markers stay with the sentence they close; offsets slice back."""

from hypothesis import given
from hypothesis import strategies as st

from extract.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[b:e] for b, e in split_sentences(text, 0, len(text))]


def test_marker_belongs_to_the_sentence_it_closes():
    text = "Tổng thống cũng đồng ý chấm dứt chiến tranh.[99] Dưới thỏa thuận này, các bên giữ lãnh thổ."
    assert sentences(text) == [
        "Tổng thống cũng đồng ý chấm dứt chiến tranh.[99]",
        "Dưới thỏa thuận này, các bên giữ lãnh thổ.",
    ]


def test_marker_glued_to_the_next_sentence_still_closes_the_first():
    text = "Các làng đã bị chiếm giữ trong cuộc chiến.[101]Giao tranh nổ ra quanh khu vực.[102][103]"
    assert sentences(text) == [
        "Các làng đã bị chiếm giữ trong cuộc chiến.[101]",
        "Giao tranh nổ ra quanh khu vực.[102][103]",
    ]


def test_period_glued_to_a_capital_is_a_boundary():
    text = "Chủ quyền được tranh giành giữa Armenia và Azerbaijan.Xung đột hiện thời có nguồn gốc cũ."
    assert len(sentences(text)) == 2


def test_missing_space_without_period_is_not_a_boundary():
    text = "Sau vụ chiếm giữShusha, thành phố lớn thứ hai,[110][112]Chiến tranh Sáu tuần bắt đầu."
    assert sentences(text) == [text]


def test_numbers_with_points_and_commas_do_not_split():
    text = "Khoảng 2.000 binh lính, 76,9% người Armenia, tổng dân số là 188.685 người. Câu sau."
    assert len(sentences(text)) == 2


def test_quote_closed_before_the_period_keeps_its_marker():
    text = 'Ông nói rằng "Artsakh là của Armenia, chấm hết".[154]Các cuộc giao tranh khác tiếp tục.[153]'
    assert sentences(text)[0].endswith('chấm hết".[154]')


def test_colons_semicolons_and_parentheses_do_not_split():
    text = "Chiến tranh drone;[91] pháo hạng nặng (tầm xa. Rất xa) và tên lửa: nhiều loại.[162]"
    assert sentences(text) == [text]


def test_initials_and_listed_abbreviations_do_not_split():
    assert len(sentences("Theo J. Smith và TP. Hồ Chí Minh, xem tr. 18 của sách. Hết.")) == 2


def test_lowercase_after_period_is_not_a_new_sentence():
    assert len(sentences("Máy bay... trinh sát xác định mục tiêu.")) == 1


def test_spans_exclude_surrounding_spaces():
    text = "  Câu một.   Câu hai.  "
    assert split_sentences(text, 0, len(text)) == [(2, 10), (13, 21)]


@given(
    st.lists(
        st.sampled_from(["Câu", "2.000", ".", ".[5]", " ", "Xung", "(", ")", "giữ", "!", '"', "[12]"]), max_size=40
    )
)
def test_spans_are_trimmed_ordered_disjoint_and_cover_all_but_spaces(pieces):
    text = "".join(pieces)
    spans = split_sentences(text, 0, len(text))
    gaps_begin = [0] + [end for _, end in spans]
    gaps_end = [begin for begin, _ in spans] + [len(text)]
    for begin, end in spans:
        assert begin < end and text[begin:end] == text[begin:end].strip()
    for gap_begin, gap_end in zip(gaps_begin, gaps_end, strict=True):
        assert gap_begin <= gap_end and not text[gap_begin:gap_end].strip()
