"""Data files: every shipped one fits its schema; a key no schema declares is a one-line error naming file and key."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from extract.data.schema import PACK_SCHEMAS, EventsFile
from extract.datafile import DataFileError, load_toml
from extract.errors import CkgError
from extract.lang import packed_languages
from extract.langdata import load_language_data

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "extract" / "data" / "vi" / "events.toml"


def with_line_after(source: Path, table: str, line: str, target: Path) -> Path:
    """A copy of ``source`` with ``line`` added as the first key of ``[table]``."""
    text = source.read_text(encoding="utf-8")
    assert f"\n[{table}]\n" in text
    target.write_text(text.replace(f"\n[{table}]\n", f"\n[{table}]\n{line}\n", 1), encoding="utf-8")
    return target


@pytest.mark.parametrize("language", packed_languages())
@pytest.mark.parametrize("name", PACK_SCHEMAS)
def test_every_file_of_every_language_pack_fits_its_schema(language: str, name: str) -> None:
    assert load_language_data(language, name)


def test_every_other_shipped_data_file_fits_its_schema() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import synthetic_articles

    from extract.page import wiki_data
    from graph.audit.checks import CHECKS
    from graph.quickstatements import mapping
    from web.pages import messages

    assert wiki_data()["parameters"] and CHECKS and mapping()["properties"] and messages()["en"]
    assert synthetic_articles.vocabulary().phrasings


def test_a_key_no_schema_declares_is_a_one_line_error_naming_the_file_and_the_key(tmp_path: Path) -> None:
    bad = with_line_after(EVENTS, "territory", "head_words = ['làng']", tmp_path / "events.toml")
    with pytest.raises(DataFileError) as raised:
        load_toml(bad, EventsFile, "extract/data/vi/events.toml")
    assert isinstance(raised.value, CkgError)
    assert str(raised.value) == ("extract/data/vi/events.toml: unknown key territory.head_words "
                                 "(a key is declared in extract/data/schema.py)")


def test_a_value_of_the_wrong_type_or_a_missing_key_names_the_key(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(EVENTS.read_text(encoding="utf-8").replace("talks_reach = ", "talks_reach = 'x' #"),
                     encoding="utf-8")
    with pytest.raises(DataFileError, match=r"^wrong\.toml: agreement_places\.talks_reach: expected `int`, got `str`$"):
        load_toml(wrong, EventsFile, "wrong.toml")
    missing = tmp_path / "missing.toml"
    missing.write_text(re.sub(r"(?m)^talks_reach = .*\n", "", EVENTS.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"^missing\.toml: missing key agreement_places\.talks_reach$"):
        load_toml(missing, EventsFile, "missing.toml")


def test_ckg_build_with_a_bad_data_file_prints_one_line_and_exits_non_zero(tmp_path: Path) -> None:
    bad = with_line_after(EVENTS, "territory", "head_words = ['làng']", tmp_path / "events.toml")
    article = tmp_path / "made-up.vi.txt"
    article.write_text("Ngày 5 tháng 5 năm 1994, Armenia và Azerbaijan ký Nghị định thư Bishkek.[1]\n",
                       encoding="utf-8")
    # A fresh process whose loader reads the bad copy in place of the shipped events.toml.
    script = (
        "import sys, pathlib, cli, extract.datafile as datafile\n"
        "shipped = datafile.load_toml\n"
        "def load_toml(source, schema, name):\n"
        f"    return shipped(pathlib.Path({str(bad)!r}) if name.endswith('vi/events.toml') else source, schema, name)\n"
        "datafile.load_toml = load_toml\n"
        f"sys.argv = ['ckg', 'build', {str(article)!r}, '--store', {str(tmp_path / 'store')!r}, '--workers', '1']\n"
        "cli.main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        "ckg: error: extract/data/vi/events.toml: unknown key territory.head_words "
        "(a key is declared in extract/data/schema.py)"
    ]
