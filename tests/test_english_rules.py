"""English word order and names, one rule per test, on made-up sentences (no article's wording)."""

from __future__ import annotations

from extract.pipeline import extract_article


def extract(text: str):
    return extract_article("made-up.en.txt", text=text + "\n", doc_id="made-up")


def facts_of(extraction, subject: str) -> set[tuple[str, object]]:
    return {(f.predicate, f.object) for f in extraction.facts if f.subject == subject}


def kinds(extraction) -> dict[str, str]:
    return {e.slug: e.kind for e in extraction.entities}


def test_a_war_named_head_first_is_the_articles_war_even_when_the_lead_seeks_to_end_it():
    found = extract("The Gorvan talks were a series of meetings that sought to end the War in Eastmark, fought from "
                    "2014.[1] On 5 September 2014 Norland and Sudland signed a ceasefire agreement in Gorvan.[2]")
    assert kinds(found).get("war-in-eastmark") == "Conflict"
    (ceasefire,) = [e.slug for e in found.events]
    assert ("partOfConflict", "war-in-eastmark") in facts_of(found, ceasefire)


def test_a_war_named_head_last_keeps_its_of_phrase():
    found = extract("Operation Dawn was the decisive battle of the Norlandic War of Independence.[1]")
    assert kinds(found).get("norlandic-war-of-independence") == "Conflict"


def test_bodies_and_places_named_by_their_last_word():
    found = extract("Talks between the Eastmark Democratic and Labour Party (EDLP) and the Norland People's "
                    "Republic (NPR) were held at Varo International Airport.[1] The EDLP left.[2]")
    entity_kinds = kinds(found)
    assert entity_kinds["eastmark-democratic-and-labour-party"] == "Organization"
    assert entity_kinds["norland-peoples-republic"] == "Organization"
    assert entity_kinds["varo-international-airport"] == "Place"
    # the abbreviation in brackets, there and later, is the same body
    assert {m.entity for m in found.mentions if m.text == "EDLP"} == {"eastmark-democratic-and-labour-party"}


def test_a_place_named_by_its_last_word_can_be_captured():
    found = extract("In February 1984 Iranian forces seized the Varo Islands.[1]")
    (capture,) = found.events
    assert capture.slug == "capture-varo-islands-1984-02"
    assert ("capturedBy", "iran") in facts_of(found, capture.slug)


def test_a_countrys_adjective_before_a_capitalised_army_is_the_country():
    found = extract("On 5 August 1995 the Croatian Army captured Knin.[1]")
    (capture,) = found.events
    assert ("capturedBy", "croatia") in facts_of(found, capture.slug)


def test_a_capital_inside_an_english_name_is_the_names_own():
    found = extract("On 15 November 1985 Margaret Thatcher and Garret FitzGerald signed the Anglo-Irish Agreement "
                    "at Hillsborough.[1]")
    (agreement,) = found.events
    assert ("signatory", "garret-fitzgerald") in facts_of(found, agreement.slug)
