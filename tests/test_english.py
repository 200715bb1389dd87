"""English articles: the language pack (sentences, reference lines, dates, names), language detection
and the one-line error for a language with no pack, and one graph across Vietnamese and English."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract.dates import find_dates
from extract.lang import detect_language, packed_languages
from extract.lang.en import tagged_words
from extract.pipeline import extract_article
from extract.reader import LanguagePackMissing, read_article
from extract.sentences import split_sentences
from graph import store as stores

ROOT = Path(__file__).resolve().parent.parent
DEV_ARTICLE = ROOT / "tests" / "articles" / "en-dev-karabakh-armistice.txt"
BUNDLED = ROOT / "extract" / "corpus" / "nagorno-karabakh-2020.vi.txt"
FRENCH = (
    "La guerre du Haut-Karabakh de 2020 a pris fin avec un accord de cessez-le-feu signé le 9 novembre 2020 "
    "par les dirigeants de la Russie, de l'Arménie et de l'Azerbaïdjan.[1] Les forces azerbaïdjanaises ont "
    "repris la ville de Choucha la veille.\n^ « Accord ». Le Monde. Consulté le 3 mai 2021.\n"
)


def sentences(text: str) -> list[str]:
    return [text[b:e] for b, e in split_sentences(text, 0, len(text), "en")]


def test_english_abbreviations_and_initials_do_not_end_sentences():
    text = "Gen. John W. Smith of the U.S. Army met him on Dec. 3 at No. 10 Downing Street. He left."
    assert sentences(text) == ["Gen. John W. Smith of the U.S. Army met him on Dec. 3 at No. 10 Downing Street.",
                               "He left."]


def test_citation_and_note_markers_stay_with_the_sentence_they_close():
    text = "It ended on 10 November 2020.[2][a] Hadrut fell.[7][note 1] The war ended.[12]"
    assert sentences(text) == ["It ended on 10 November 2020.[2][a]", "Hadrut fell.[7][note 1]",
                               "The war ended.[12]"]


@pytest.mark.parametrize(("phrase", "expected"), [
    ("on 9 November 2020", ("2020-11-09", "date")),
    ("on November 9, 2020", ("2020-11-09", "date")),
    ("in mid-1994", ("1994", "gYear")),
    ("in early March 1995", ("1995-03", "gYearMonth")),
    ("from 00:00 Moscow time (UTC+3) on 10 November 2020", ("2020-11-10T00:00:00+03:00", "dateTime")),
    ("at 10 p.m. on 3 May 2021", ("2021-05-03T22:00:00", "dateTime")),
])
def test_english_date_grammar(phrase, expected):
    found = find_dates(phrase, language="en")
    assert [(d.lexical, d.datatype) for d in found] == [expected]


def test_a_year_inside_a_war_name_is_no_date():
    assert find_dates("The 2020 Nagorno-Karabakh war ended.", language="en") == []


def test_english_reference_lines_are_records_with_their_fields():
    document = read_article(DEV_ARTICLE)
    assert document.language == "en"
    assert [note.cited_times for note in document.notes] == [1, 1]
    bbc, kremlin = document.records[0], document.records[1]
    assert bbc.cited_times == 2  # "^ a b"
    assert bbc.title == "Nagorno-Karabakh: Russia deploys peacekeepers"
    assert bbc.accessed_on.lexical == "2021-05-03"
    assert kremlin.archived_on.lexical == "2020-11-10"
    assert next(r for r in document.records if r.title and "humanitarian" in r.title).language == "ru"
    assert any(r.creators == ("de Waal, Thomas",) for r in document.records)  # a book with an ISBN


def test_english_tokens_tag_capitalised_content_words_as_proper_nouns():
    words = {text: tag for _, _, text, tag in tagged_words("The talks in Moscow were led by Sergey Lavrov.")}
    assert words["Moscow"] == words["Lavrov"] == "Np"
    assert words["The"] != "Np" and words["talks"] != "Np"


def test_an_adjective_of_a_country_before_its_forces_names_the_side():
    extraction = extract_article(DEV_ARTICLE)
    shusha = next(e for e in extraction.events if e.slug == "capture-shusha-2020-11-08")
    assert shusha.kind == "Capture"
    assert ("capturedBy", "azerbaijan") in {(f.predicate, f.object) for f in extraction.facts
                                           if f.subject == shusha.slug}


@pytest.mark.parametrize(("text", "language"), [
    ("The armistice was signed by the leaders of Armenia and Azerbaijan on 9 November 2020, ending the war.", "en"),
    ("Thỏa thuận đình chiến được ký ngày 9 tháng 11 năm 2020 giữa Armenia và Azerbaijan.", "vi"),
    (FRENCH, "fr"),
])
def test_the_language_is_detected_from_the_text(text, language):
    assert detect_language(text).language == language


def test_a_short_uncertain_text_is_read_in_a_language_with_a_pack():
    assert detect_language("Armenia ký.").language in packed_languages()


def test_an_article_in_a_language_without_a_pack_is_one_clear_error(tmp_path):
    article = tmp_path / "guerre.txt"
    article.write_text(FRENCH, encoding="utf-8")
    with pytest.raises(LanguagePackMissing) as raised:
        read_article(article)
    message = str(raised.value)
    assert "'fr'" in message and "extract/data/fr/sentences.toml" in message and str(article) in message
    assert read_article(article, language="en").language == "en"  # --lang overrides


def ckg() -> str:
    return shutil.which("ckg", path=str(Path(sys.executable).parent)) or "ckg"


def test_ckg_build_of_an_unsupported_language_fails_in_one_line_and_keeps_the_store(tmp_path):
    """The error comes from a worker process and still reaches the user as one line, exit 1."""
    store = tmp_path / "store"
    first = subprocess.run([ckg(), "build", str(DEV_ARTICLE), "--store", str(store)],
                           capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    before = os.readlink(store / stores.CURRENT)
    french = tmp_path / "guerre.txt"
    french.write_text(FRENCH, encoding="utf-8")
    result = subprocess.run([ckg(), "build", str(french), "--store", str(store), "--workers", "2"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip() and "error" in line]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert "'fr'" in lines[0] and "extract/data/fr/sentences.toml" in lines[0]
    assert os.readlink(store / stores.CURRENT) == before


def test_one_graph_across_languages(tmp_path):
    """The armistice told in the Vietnamese and the English article is one node, with evidence from both."""
    from graph.build import build

    store = tmp_path / "store"
    build([BUNDLED, DEV_ARTICLE], store, workers=1)
    rows = list(stores.open_read_only(store).query(
        """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
        SELECT DISTINCT ?doc WHERE {
          ?st rdf:subject <https://w3id.org/conflict-kg/resource/armistice-2020-11-09> ;
              rdf:predicate ckg:signatory ; rdf:object <https://w3id.org/conflict-kg/resource/vladimir-putin> ;
              prov:wasDerivedFrom ?sentence .
          ?sentence nif:referenceContext ?doc }""",
        use_default_graph_as_union=True))
    documents = {row["doc"].value.rsplit("/", 1)[-1] for row in rows}
    assert documents == {"nagorno-karabakh-2020", "en-dev-karabakh-armistice"}


def test_an_agreement_named_before_its_document_word_and_dated_to_the_day_is_one():
    text = ("An early attempt at a settlement, the Sunningdale Agreement, was concluded at the Civil Service "
            "College in Sunningdale, Berkshire, on 9 December 1973.[1] The Hillsborough Agreement was agreed in "
            "December 1985.[2]\n")
    found = extract_article("made-up.en.txt", text=text, doc_id="made-up")
    assert {e.slug: e.kind for e in found.events} == {"agreement-1973-12-09": "Agreement"}
