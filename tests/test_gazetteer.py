"""The gazetteer is data: every entry well-formed, labels unambiguous, slugs stable."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from extract.gazetteer import Gazetteer, slugify
from extract.model import ENTITY_KINDS


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_slugify_folds_diacritics_and_special_letters() -> None:
    assert slugify("Şuşa") == "susa"
    assert slugify("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"
    assert slugify("Vejnəli") == "vejneli"
    assert slugify("Prosecutor General's Office") == "prosecutor-generals-office"


def test_every_slug_is_derived_from_the_first_english_label(gazetteer: Gazetteer) -> None:
    mismatched = [e.slug for e in gazetteer.entries.values() if slugify(e.labels["en"][0]) != e.slug]
    assert mismatched == []


def test_entries_have_known_kinds_and_well_formed_wikidata_ids(gazetteer: Gazetteer) -> None:
    for entry in gazetteer.entries.values():
        assert entry.kind in ENTITY_KINDS, entry.slug
        assert entry.wikidata is None or re.fullmatch(r"Q[1-9][0-9]*", entry.wikidata), entry.slug


def test_no_surface_form_names_two_entities(gazetteer: Gazetteer) -> None:
    owners: dict[str, set[str]] = {}
    for entry in gazetteer.entries.values():
        for names in entry.labels.values():
            for name in names:
                owners.setdefault(name, set()).add(entry.slug)
    assert {form: slugs for form, slugs in owners.items() if len(slugs) > 1} == {}


def test_country_and_part_of_point_at_entries(gazetteer: Gazetteer) -> None:
    dangling = [(e.slug, ref) for e in gazetteer.entries.values()
                for ref in (e.country, e.part_of) if ref is not None and ref not in gazetteer]
    assert dangling == []


def test_certain_wikidata_ids(gazetteer: Gazetteer) -> None:
    expected = {"azerbaijan": "Q227", "armenia": "Q399", "russia": "Q159", "moscow": "Q649",
                "vladimir-putin": "Q7747", "france": "Q142", "united-states": "Q30", "turkey": "Q43",
                "iran": "Q794", "georgia": "Q230"}
    assert {slug: gazetteer[slug].wikidata for slug in expected} == expected


def test_multilingual_labels_and_transliterations(gazetteer: Gazetteer) -> None:
    forms = gazetteer.surface_forms
    assert {forms[f] for f in ("Nga", "Liên bang Nga", "Russia", "Rusiya")} == {"russia"}
    assert {forms[f] for f in ("Hoa Kỳ", "Mỹ", "United States")} == {"united-states"}
    assert {forms[f] for f in ("Füzuli", "Fuzuli", "Fizuli")} == {"fuzuli"}
    assert {forms[f] for f in ("Khudafarin", "Khoda Afarin", "Khodaafarin")} == {"khudafarin"}
    assert {forms[f] for f in ("Agdam", "Aghdam", "Ağdam")} == {"agdam"}
    assert {forms[f] for f in ("Shusha", "Shushi", "Şuşa")} == {"shusha"}
    assert {forms[f] for f in ("Cộng hòa Artsakh", "Cộng hòa Nagorno-Karabakh", "Artsakh")} == {"artsakh"}
    assert forms["Nhóm Minsk"] == "osce-minsk-group"
    assert forms["hành lang Lachin"] == "lachin-corridor"


def test_the_region_is_covered_broadly(gazetteer: Gazetteer) -> None:
    slugs = {"kalbajar", "qubadli", "zangilan", "jabrayil", "khojavend", "hadrut", "stepanakert", "martakert",
             "khojaly", "tartar", "goranboy", "barda", "ganja", "baku", "yerevan", "goris", "kapan", "sisian",
             "nakhchivan", "levon-ter-petrosyan", "heydar-aliyev", "abulfaz-elchibey", "ayaz-mutallibov",
             "boris-yeltsin", "andrei-kozyrev", "pavel-grachev", "sergei-shoigu", "sergey-lavrov",
             "turgut-ozal", "mevlut-cavusoglu", "hassan-rouhani", "mohammad-javad-zarif", "emmanuel-macron",
             "mike-pompeo", "antony-blinken", "bako-sahakyan", "vahagn-khachaturyan",
             "first-nagorno-karabakh-war", "2016-nagorno-karabakh-conflict", "2020-nagorno-karabakh-war"}
    assert slugs - set(gazetteer.entries) == set()


def test_entry_becomes_an_entity_with_preferred_and_alternative_labels(gazetteer: Gazetteer) -> None:
    entity = gazetteer["russia"].to_entity()
    assert ("vi", "Nga") in entity.labels and ("en", "Russia") in entity.labels
    assert ("vi", "Liên bang Nga") in entity.alt_labels
    assert entity.wikidata == "Q159" and entity.known


def test_load_is_cached_and_rejects_duplicate_slugs(tmp_path) -> None:
    assert Gazetteer.load() is Gazetteer.load()
    line = json.dumps({"slug": "x", "kind": "Place", "labels": {"en": ["X"]}})
    with pytest.raises(ValueError, match="duplicate slug"):
        Gazetteer.from_lines([line, line])


def test_packaged_file_is_one_json_object_per_line() -> None:
    text = resources.files("extract.data").joinpath("gazetteer.jsonl").read_text(encoding="utf-8")
    for line in text.splitlines():
        assert isinstance(json.loads(line), dict)


def test_conflict_days_lie_within_its_years_and_terms_end_after_the_fighting():
    for entry in Gazetteer.load().entries.values():
        if entry.span is None:
            continue
        assert entry.years is not None and entry.span[0] <= entry.span[1]
        assert entry.years[0] == int(entry.span[0][:4]) and entry.years[1] == int(entry.span[1][:4])
        assert entry.terms_until is None or entry.terms_until >= entry.span[1]
