"""Number ↔ record alignment: only with evidence (count, order, content), never by guess."""

from extract.reader import read_article

FILLER = " ".join(f"Đoạn văn này kể chuyện thường ngày số {n}." for n in range(30, 60))
BISHKEK = "^“Ceasefire signed in Bishkek”. Reuters. ngày 6 tháng 5 năm 1994. Truy cập ngày 1 tháng 1 năm 2020."
ZVARTNOTS = (
    "^“Zvartnots airport near Yerevan closed”. news.am. ngày 2 tháng 10 năm 2020. Truy cập ngày 1 tháng 1 năm 2021."
)


def article(*records: str, body: str | None = None):
    body = body or (
        "Hiệp định Bishkek được ký ngày 5 tháng 5 năm 1994.[1] "
        "Sân bay Zvartnots gần Yerevan đóng cửa ngày 2 tháng 10 năm 2020.[2] Không có gì khác.[3]"
    )
    return read_article("a.vi.txt", text="\n".join([body, FILLER, *records]))


def test_record_is_linked_to_the_number_whose_sentences_share_its_content():
    alignments = article(BISHKEK, ZVARTNOTS).alignments
    assert [(a.number, a.record) for a in alignments] == [(1, 1), (2, 2)]
    assert all(0 < a.confidence <= 1 for a in alignments)
    assert "Bishkek" in alignments[0].evidence and "1994" in alignments[0].evidence


def test_links_keep_the_order_of_the_reference_list():
    alignments = article(ZVARTNOTS, BISHKEK).alignments
    assert len(alignments) == 1  # the two content matches cross, so only one can stand


def test_backlink_count_must_equal_the_marker_count():
    assert article("^ ab" + BISHKEK[1:], ZVARTNOTS).alignments[0].number == 2


def test_record_without_shared_content_stays_unlinked():
    assert article("^“Weather report”. example.org. ngày 1 tháng 3 năm 2001.").alignments == []


def test_equally_fitting_co_cited_numbers_are_not_guessed():
    body = "Hiệp định Bishkek được ký ngày 5 tháng 5 năm 1994.[1][2] Không có gì khác.[3]"
    assert article(BISHKEK, body=body).alignments == []


def test_record_written_long_before_the_cited_event_is_not_linked():
    body = "Hiệp định Bishkek được nhắc lại ngày 5 tháng 5 năm 2004.[1] Không có gì khác.[2]"
    assert article(BISHKEK, body=body).alignments == []
