"""Wikipedia's own formats: wikitext, page HTML (saved and Parsoid) and XML dumps read into the same Document.

The fixtures in ``tests/wiki`` are one article (``tests/articles/ev-bishkek-1994.txt``) written
in Wikipedia's structures: wikitext with cite templates, a browser-saved page, Parsoid HTML,
and an export-0.11 dump.
"""

from __future__ import annotations

import bz2
from pathlib import Path
from xml.sax.saxutils import escape

import psutil
import pytest

from extract.dump import DumpError, DumpSelection, read_dump
from extract.formats import detect_kind, read_document, read_dump_page
from extract.model import ArticleExtraction
from extract.page import citation_date, language_code
from extract.pipeline import extract_article, extract_document
from extract.reader import ArticleError
from extract.wikitext import WikitextError, render_wikitext

WIKI = Path(__file__).parent / "wiki"
PLAIN = Path(__file__).parent / "articles" / "ev-bishkek-1994.txt"
WIKITEXT = WIKI / "bishkek-1994.vi.wiki"
SAVED_HTML = WIKI / "bishkek-1994.vi.html"
PARSOID_HTML = WIKI / "bishkek-protocol.parsoid.html"
PARSOID_PLAIN = WIKI / "bishkek-protocol.vi.txt"
DUMP = WIKI / "viwiki-sample-pages-articles.xml"


def body(path: Path) -> str:
    """The paragraphs of a document, as one text (notes and records left out)."""
    document = read_document(path)
    return "\n".join(document.text[p.begin : p.end] for p in document.paragraphs)


def plain_body(path: Path) -> str:
    return "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("^"))


def event_facts(path: Path) -> set[tuple]:
    """Every fact with the texts of its supporting sentences, and every event: what equivalence means."""
    return extraction_facts(extract_article(path))


def extraction_facts(extraction: ArticleExtraction) -> set[tuple]:
    sentences = {s.index: s.text for s in extraction.document.sentences}
    facts = {
        (f.subject, f.predicate, str(f.object), frozenset(sentences[e.sentence] for e in f.evidence))
        for f in extraction.facts
    }
    return facts | {(event.slug, "kind", event.kind) for event in extraction.events}


@pytest.mark.parametrize(
    ("source", "plain"), [(WIKITEXT, PLAIN), (SAVED_HTML, PLAIN), (PARSOID_HTML, PARSOID_PLAIN)], ids=lambda p: p.name
)
def test_a_page_reads_as_the_text_copied_from_it(source, plain):
    assert body(source) == plain_body(plain)


@pytest.mark.parametrize(
    ("source", "plain"), [(WIKITEXT, PLAIN), (SAVED_HTML, PLAIN), (PARSOID_HTML, PARSOID_PLAIN)], ids=lambda p: p.name
)
def test_the_same_article_yields_the_same_facts_in_every_form(source, plain):
    expected = event_facts(plain)
    assert expected, "the plain article yields facts"
    assert event_facts(source) == expected


def test_a_dump_page_yields_the_same_facts_as_the_copied_text():
    page = next(read_dump(DUMP, DumpSelection(titles=("Chiến tranh Nagorno-Karabakh thứ nhất",))))
    extraction = extract_document(read_dump_page(page, doc_id="ev-bishkek-1994"))
    assert extraction_facts(extraction) == event_facts(PLAIN)


@pytest.mark.parametrize(("source", "prefix"), [(WIKITEXT, "wikitext: "), (SAVED_HTML, "page HTML: "),
                                                (PARSOID_HTML, "page HTML: ")], ids=lambda p: getattr(p, "name", p))
def test_every_marker_is_linked_to_its_record_with_certainty(source, prefix):
    document = read_document(source)
    alignments = {a.number: a for a in document.alignments}
    assert {m.number for m in document.markers} == set(alignments)
    for alignment in alignments.values():
        assert alignment.confidence == 1.0
        assert alignment.evidence.startswith(prefix)
        assert f"[{alignment.number}]" in alignment.evidence
    records = {r.index: r for r in document.records}
    assert len(records) == len(alignments)  # one record per number, in number order
    assert all(alignments[n].record == n for n in alignments)


def test_citation_template_parameters_become_record_fields():
    records = {r.index: r for r in read_document(WIKITEXT).records}
    book, news, hrw = records[1], records[2], records[3]
    assert book.creators == ("De Waal, Thomas",)
    assert book.publisher == "New York University Press"
    assert book.date.lexical == "2003" and book.date.datatype == "gYear"
    assert ("isbn", "978-0-8147-1945-9") in book.identifiers and book.pages == "240"
    assert news.title == "Nagorno-Karabakh: the war that never ended"
    assert news.url == "https://www.bbc.com/news/world-europe-54324772"
    assert news.website == "BBC News"
    assert news.date.lexical == "2020-09-27"
    assert news.accessed_on.lexical == "2020-09-28"
    assert news.archive_url.startswith("https://web.archive.org/web/20200928000000/")
    assert news.archived_on.lexical == "2020-09-28"
    # Vietnamese template and parameter names ({{chú thích web}}, tiêu đề, ngày truy cập…)
    assert hrw.title == "Azerbaijan: Seven Years of Conflict in Nagorno-Karabakh"
    assert hrw.publisher == "Human Rights Watch" and hrw.language == "en"
    assert hrw.accessed_on.lexical == "2020-12-20"
    assert records[6].quote == "Azerbaijan said the town had fallen."
    ceasefire = records[9]
    assert ceasefire.language == "ru" and ceasefire.translated_title == "Ceasefire agreement"


def test_a_reused_or_list_defined_reference_is_one_record_cited_several_times():
    document = read_document(WIKITEXT)
    records = {r.index: r for r in document.records}
    assert records[3].cited_times == 2  # <ref name="hrw"> then <ref name="hrw" />
    assert records[7].title == "Bishkek Protocol"  # defined only in {{tham khảo|refs=…}}
    assert records[7].cited_times == 2
    assert records[8].creators == ("De Waal",) and records[8].pages == "240"  # {{sfn|De Waal|2003|p=240}}


def test_an_undefined_named_reference_is_a_broken_record_linked_exactly():
    document = read_document(WIKITEXT)
    broken = [r for r in document.records if r.broken]
    assert [r.index for r in broken] == [10]
    assert "violations" in broken[0].text
    assert next(a for a in document.alignments if a.number == 10).record == 10


def test_footnotes_become_notes_and_their_references_ordinary_markers():
    page = render_wikitext(
        "Câu một.{{efn|Ghi chú có nguồn.<ref>{{cite web |title=A |url=https://a.example/}}</ref>}} "
        'Câu hai.<ref group="note">Ghi chú thứ hai.</ref><ref>{{cite web |title=B |url=https://b.example/}}</ref>\n',
        language="vi",
    )
    assert page.paragraphs == ["Câu một. Câu hai.[2]"]
    assert page.notes == [("Ghi chú có nguồn.[1]", 1), ("Ghi chú thứ hai.", 1)]
    assert [ref.citation.title for ref in page.references] == ["A", "B"]


def test_infobox_and_table_references_keep_their_numbers_but_show_no_text():
    page = render_wikitext(
        "{{Infobox war|result=Ngừng bắn<ref>{{cite web|title=Box}}</ref>}}\n"
        "{|\n| ô<ref>{{cite web|title=Cell}}</ref>\n|}\n"
        "Câu.<ref>{{cite web|title=Body}}</ref>\n",
        language="vi",
    )
    assert page.paragraphs == ["Câu.[3]"]
    assert [ref.citation.title for ref in page.references] == ["Box", "Cell", "Body"]


def test_saved_page_html_gives_the_revision_and_records_from_its_citations():
    document = read_document(SAVED_HTML)
    revision = document.revision
    assert revision.id == 71234567 and revision.timestamp == "2024-11-20T08:15:02Z"
    assert revision.title == "Chiến tranh Nagorno-Karabakh thứ nhất"
    assert revision.permanent_url == "https://vi.wikipedia.org/w/index.php?oldid=71234567"
    records = {r.index: r for r in document.records}
    assert records[2].url == "https://www.bbc.com/news/world-europe-54324772"
    assert records[2].archive_url.startswith("https://web.archive.org/")
    assert records[2].archived_on.lexical == "2020-09-28" and records[2].accessed_on.lexical == "2020-09-28"
    assert records[3].cited_times == 2 and records[3].language == "en"
    assert records[6].quote == "Azerbaijan said the town had fallen."
    assert records[6].creators == ("Schmemann, Serge",)
    assert records[9].language == "ru"
    assert records[10].broken
    assert [document.text[n.begin : n.end] for n in document.notes] == ["Kết quả được các bên diễn giải khác nhau."]


def test_parsoid_html_gives_the_revision_and_the_template_parameters():
    document = read_document(PARSOID_HTML)
    assert document.revision.id == 70011223
    assert document.revision.timestamp == "2023-06-02T14:03:51.000Z"
    assert document.revision.wiki == "https://vi.wikipedia.org"
    protocol, book = document.records
    assert protocol.publisher == "United Nations" and protocol.website == "peacemaker.un.org"
    assert protocol.archived_on.lexical == "2020-12-20"
    assert protocol.cited_times == 2
    assert book.quote == "The ceasefire of May 1994 held." and book.language == "en"
    assert "{{cite book}} in Parsoid data-mw" in document.alignments[1].evidence
    assert len(document.notes) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2020-11-10", "2020-11-10"), ("10 November 2020", "2020-11-10"), ("November 10, 2020", "2020-11-10"),
     ("ngày 10 tháng 11 năm 2020", "2020-11-10"), ("November 2020", "2020-11"), ("2020", "2020"), ("soon", None)],
)
def test_citation_dates_in_the_forms_templates_take(text, expected):
    value = citation_date(text, "vi")
    assert (value.lexical if value else None) == expected


@pytest.mark.parametrize(("written", "code"), [("ru", "ru"), ("Russian", "ru"), ("tiếng Nga", "ru"), ("Nga", "ru"),
                                               ("Anh", "en"), ("Klingon", None)])
def test_a_citation_language_becomes_a_language_code(written, code):
    assert language_code(written) == code


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("a.txt", "Một câu.[1]\n^ “Tiêu đề”. Báo. Truy cập ngày 1 tháng 1 năm 2020.\n", "text"),
        ("b.txt", "Một câu.[1]\n^Lỗi chú thích: Thẻ <ref> sai; không có nội dung trong thẻ ref có tên x\n", "text"),
        ("page", "'''Bài''' viết.<ref>x</ref>\n", "wikitext"),
        ("page.wiki", "Văn bản thường.\n", "wikitext"),
        ("page", "<!DOCTYPE html>\n<html lang='vi'><body></body></html>", "html"),
        ("dump", '<?xml version="1.0"?>\n<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/">', "dump"),
    ],
)
def test_the_kind_of_input_is_told_by_its_content(tmp_path, name, content, kind):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert detect_kind(path) == kind


def test_a_compressed_dump_is_told_by_its_content(tmp_path):
    path = tmp_path / "viwiki.xml.bz2"
    path.write_bytes(bz2.compress(DUMP.read_bytes()))
    assert detect_kind(path) == "dump"


def test_xml_that_is_not_a_dump_is_a_one_line_error(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text('<?xml version="1.0"?><rss/>', encoding="utf-8")
    with pytest.raises(ArticleError, match=r"other\.xml: XML that is not a MediaWiki dump"):
        detect_kind(path)


def test_unbalanced_template_braces_are_an_error_naming_the_line(tmp_path):
    path = tmp_path / "broken.wiki"
    path.write_text("Dòng một.\n\nDòng hai {{cite web |title=x\n", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"broken\.wiki: line 3: unbalanced template braces"):
        read_document(path)
    with pytest.raises(WikitextError, match="line 1: unbalanced template braces: '}}'"):
        render_wikitext("Thừa }} ngoặc.", language="vi")


def test_a_page_with_no_text_is_an_error(tmp_path):
    path = tmp_path / "empty.wiki"
    path.write_text("{{Infobox war|name=x}}\n[[Thể loại:Chiến tranh]]\n", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"empty\.wiki: the page has no text"):
        read_document(path)


def test_html_cut_short_or_without_an_article_is_an_error(tmp_path):
    cut = tmp_path / "cut.html"
    cut.write_text(SAVED_HTML.read_text(encoding="utf-8")[:6000], encoding="utf-8")
    with pytest.raises(ArticleError, match=r"cut\.html: no closing </html>"):
        read_document(cut)
    other = tmp_path / "other.html"
    other.write_text("<!DOCTYPE html><html><body><p>Không phải Wikipedia.</p></body></html>", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"other\.html: no article content"):
        read_document(other)


def test_a_dump_gives_articles_only_each_at_its_latest_revision():
    skipped: list[str] = []
    pages = list(read_dump(DUMP, on_skip=skipped.append))
    assert [p.title for p in pages] == ["Chiến tranh Nagorno-Karabakh thứ nhất", "Trang hỏng", "Nghị định thư Bishkek"]
    assert skipped == [f"{DUMP}: page 'Trang trống' skipped: it has no text"]
    protocol = pages[-1]
    assert protocol.revision.id == 70011223 and protocol.revision.timestamp == "2023-06-02T14:03:51Z"
    assert protocol.language == "vi" and protocol.revision.wiki == "https://vi.wikipedia.org"


@pytest.mark.parametrize(
    ("selection", "titles"),
    [
        (DumpSelection(titles=("Nghị_định_thư_Bishkek",)), ["Nghị định thư Bishkek"]),
        (DumpSelection(categories=("Hiệp định hòa bình",)), ["Nghị định thư Bishkek"]),
        (DumpSelection(categories=("Chiến tranh Nagorno-Karabakh",)),
         ["Chiến tranh Nagorno-Karabakh thứ nhất", "Nghị định thư Bishkek"]),
        (DumpSelection(limit=1), ["Chiến tranh Nagorno-Karabakh thứ nhất"]),
        (DumpSelection(titles=("Chiến tranh Karabakh lần thứ nhất",)), []),  # a redirect is not an article
    ],
)
def test_dump_pages_are_chosen_by_title_category_and_limit(selection, titles):
    assert [p.title for p in read_dump(DUMP, selection)] == titles


def _multistream(tmp_path: Path) -> Path:
    """The dump as Wikipedia's multistream files are: several bzip2 streams, one after another."""
    text = DUMP.read_bytes()
    cut = text.index(b"  <page>\n    <title>Trang h")
    path = tmp_path / "viwiki-multistream.xml.bz2"
    path.write_bytes(bz2.compress(text[:cut]) + bz2.compress(text[cut:]))
    return path


def test_a_bz2_dump_streams_like_the_plain_one(tmp_path):
    titles = [p.title for p in read_dump(_multistream(tmp_path))]
    assert titles == [p.title for p in read_dump(DUMP)]


def test_a_truncated_bz2_dump_is_an_error_naming_the_last_page(tmp_path):
    path = _multistream(tmp_path)
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(DumpError, match=r"ends early .*after page 'Thảo luận:Chiến tranh Nagorno-Karabakh thứ nhất'"):
        list(read_dump(path))


def test_malformed_dump_xml_is_an_error_naming_line_and_column(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text(DUMP.read_text(encoding="utf-8").replace("<ns>1</ns>", "<ns>1</nz>"), encoding="utf-8")
    with pytest.raises(DumpError, match=r"bad\.xml:\d+:\d+: malformed XML .*after page"):
        list(read_dump(path))


def test_a_dump_is_streamed_in_bounded_memory(tmp_path):
    sentence = "Ngày 5 tháng 5 năm 1994, một văn kiện được ký.<ref>{{cite web|title=T|url=https://e.org/}}</ref>\n"
    text = escape(sentence * 40)
    path = tmp_path / "big.xml"
    with path.open("w", encoding="utf-8") as out:
        out.write('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" xml:lang="vi">\n')
        for n in range(3000):
            out.write(f"<page><title>Trang {n}</title><ns>0</ns><id>{n}</id><revision><id>{n}</id>"
                      f'<timestamp>2020-01-01T00:00:00Z</timestamp><text xml:space="preserve">{text}</text>'
                      "</revision></page>\n")
        out.write("</mediawiki>\n")
    process = psutil.Process()
    before = process.memory_info().rss
    growth = 0
    for count, _ in enumerate(read_dump(path), start=1):
        if count % 100 == 0:
            growth = max(growth, process.memory_info().rss - before)
    assert count == 3000
    assert path.stat().st_size > 14_000_000
    assert growth < 8_000_000  # a few pages at a time, not the 15 MB dump
