"""English word order and names, one rule per test, on made-up sentences (no article's wording)."""

from __future__ import annotations

import pytest

from extract.model import TextValue
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


def capture_facts(text: str) -> dict[str, set[tuple[str, object]]]:
    """Facts of each capture, by slug with the world data's spelling of Basra ("Basrah") made the text's."""
    found = extract(text)
    return {e.slug.replace("basrah", "basra"): facts_of(found, e.slug) for e in found.events if e.kind == "Capture"}


def test_a_capture_of_a_place_named_by_an_anaphor():
    captures = capture_facts("On 12 May 1990 Iranian brigades advanced on the town of Basra and captured the town.[1]")
    assert ("capturedBy", "iran") in captures["capture-basra-1990-05-12"]


def test_had_taken_is_a_capture_by_the_army_of_the_country_named_before_it():
    captures = capture_facts("The Ostland War was fought in 1990 by Iraq and Iran.[1] On 4 May 1990 the Iranian "
                             "army had taken the town of Basra.[2]")
    assert ("capturedBy", "iran") in captures["capture-basra-1990-05-04"]


def test_its_forces_are_the_side_the_sentence_before_is_about():
    captures = capture_facts("On 23 May 1990 Iran launched an offensive near Basra.[1] After three days its forces "
                             "broke through the lines and retook Basra on 26 May 1990.[2]")
    assert ("capturedBy", "iran") in captures["capture-basra-1990-05-26"]


def test_army_troops_are_the_country_the_war_is_named_after_by_its_adjective():
    captures = capture_facts("The Colombian conflict began in 1964 in Colombia; Cuba and Venezuela hosted talks, and "
                             "Cuba sent envoys.[1] On 23 February 2002 army troops retook Bogotá.[2]")
    assert ("capturedBy", "colombia") in captures["capture-bogota-2002-02-23"]


def test_the_lead_names_the_agreement_whose_initialling_the_next_sentence_dates():
    found = extract("The Gorvan Agreement, formally the General Agreement for Peace in Croatia, is the peace "
                    "settlement that ended the Gorvan War.[1] Negotiated in November 1995 at a base near Paris, it was "
                    "initialled there on 21 November 1995 by President Slobodan Milošević of Serbia and President "
                    "Franjo Tuđman of Croatia.[2]")
    (agreement,) = found.events
    assert agreement.slug == "agreement-1995-11-21"
    assert {("signatory", "slobodan-milosevic"), ("signatory", "franjo-tudman")} <= facts_of(found, agreement.slug)


def test_a_name_with_two_head_words_is_one_name_by_its_last():
    found = extract("Talks opened at the Varo-Kell Air Force Base on 1 November 1995.[1]")
    assert kinds(found).get("varo-kell-air-force-base") == "Place"
    assert "varo-kell-air-force" not in kinds(found)


def agreement_facts(text: str) -> dict[str, set[tuple[str, object]]]:
    found = extract(text)
    return {e.slug: facts_of(found, e.slug) for e in found.events}


def test_a_moratorium_on_air_strikes_is_a_ceasefire_and_its_broker_a_mediator():
    events = agreement_facts("On 14 June 1998 Ethiopia and Eritrea accepted a moratorium on air strikes brokered by "
                             "Bill Clinton.[1]")
    (facts,) = events.values()
    assert ("mediator", "bill-clinton") in facts
    assert next(iter(events)).startswith("ceasefire-")


def test_talks_convened_and_chaired_with_co_mediators_name_the_mediators_of_the_next_agreement():
    events = agreement_facts("Talks opened in Algiers on 29 May 2000, convened by the African Union under the "
                             "chairmanship of Algeria, with the United States and the European Union as "
                             "co-mediators.[1] They produced a ceasefire agreement, signed in Algiers on 18 June "
                             "2000.[2]")
    facts = events["ceasefire-2000-06-18"]
    assert {("mediator", "algeria"), ("mediator", "united-states"), ("mediator", "european-union")} <= facts


def test_countries_that_had_mediated_between_the_sides():
    events = agreement_facts("On 16 September 2018 Ethiopia and Eritrea signed a peace agreement in Jeddah; Saudi "
                             "Arabia and the United Arab Emirates had mediated between the two governments.[1]")
    (facts,) = events.values()
    assert {("mediator", "saudi-arabia"), ("mediator", "united-arab-emirates")} <= facts


def test_an_agreement_whose_words_say_the_war_has_come_to_an_end_is_an_armistice():
    events = agreement_facts("On 9 July 2018 Ethiopia and Eritrea signed a joint declaration, whose first point "
                             "stated that the state of war between them has come to an end.[1]")
    assert list(events) == ["armistice-2018-07-09"]


def test_a_unilateral_ceasefire_and_one_a_side_ends_are_no_new_agreements():
    assert agreement_facts("On 20 December 2014 the rebels declared a unilateral and indefinite ceasefire.[1] The "
                           "rebels ended their ceasefire on 9 February 2015.[2]") == {}


def test_a_war_whose_name_ends_in_of_and_a_year_is_the_articles_war():
    found = extract("The Norlandic war of 1904, also known as the second Sudland–Norland war, was fought between "
                    "Norland and Sudland during the Eastmark Liberation War.[1] On 5 May 1904 Norland and Sudland "
                    "signed a ceasefire agreement in Gorvan.[2]")
    conflicts = {e.slug: e for e in found.entities if e.kind == "Conflict"}
    assert ("en", "second Sudland–Norland war") in conflicts["norlandic-war-of-1904"].alt_labels
    # a war named further on in the sentence is another war, not one more name of the first
    assert "eastmark-liberation-war" in conflicts
    (ceasefire,) = [e.slug for e in found.events]
    assert ("partOfConflict", "norlandic-war-of-1904") in facts_of(found, ceasefire)


def test_a_naming_cue_before_something_else_than_a_war_names_no_war():
    found = extract("The Gorvan Accord, also known as the Varo Agreement, ended most of the fighting of the Quarrels, "
                    "the conflict in Eastmark.[1]")
    assert not {e.slug for e in found.entities if e.kind == "Conflict"} & {"conflict", "war"}


def test_a_body_named_by_a_countrys_adjective_and_words_of_armed_forces_takes_places_for_the_country():
    found = extract("Norway and Sweden went to war in 1961.[1] On 4 June 1961 the Norwegian National Defence Force "
                    "captured Varo.[2] On 9 June 1961 the Norwegian Democratic Forces took Gorvan.[3]")
    takers = {e.slug: facts_of(found, e.slug) for e in found.events}
    assert ("capturedBy", "norway") in takers["capture-varo-1961-06-04"]
    # a body whose name says more than armed forces acts for itself
    assert ("capturedBy", "norway") not in takers.get("capture-gorvan-1961-06-09", set())


def test_a_hyphenated_name_is_one_name():
    found = extract("On 5 May 1990 rebel forces took Varo-Largeau, the main town of the north.[1] Talks were "
                    "chaired by Amara Solo-Ngenda.[2]")
    entity_kinds = kinds(found)
    assert entity_kinds.get("varo-largeau") == "Place"
    assert entity_kinds.get("amara-solo-ngenda") == "Person"
    assert "varo" not in entity_kinds


def test_a_one_letter_word_and_an_apostrophe_open_a_name():
    found = extract("On 5 May 1990 rebel forces captured N'Gorvan after a long siege.[1]")
    (capture,) = found.events
    assert capture.slug == "capture-ngorvan-1990-05-05"


def test_a_feature_word_after_a_name_makes_it_a_place():
    found = extract("On 5 May 1990 a Sudlandic column overran the Varo al-Kabir air base, deep inside Norland.[1]")
    assert kinds(found).get("varo-al-kabir") == "Place"
    assert [e.slug for e in found.events] == ["capture-varo-al-kabir-1990-05-05"]


def test_a_name_owning_what_follows_a_preposition_is_not_a_place():
    found = extract("Norwegian troops intervened at Amadou's request in May 1990.[1]")
    assert kinds(found).get("amadou") != "Place"


def test_a_countrys_adjective_alone_is_no_place():
    found = extract("On 5 May 1990 rebel forces took Varo with Libyan air support, leaving the north in Libyan "
                    "hands.[1]")
    assert "libyan" not in kinds(found)
    (capture,) = found.events
    assert ("territory", "varo") in facts_of(found, capture.slug)


def test_signers_each_named_with_the_side_they_sign_for():
    found = extract("The Varo Agreement was signed in Gorvan on 28 August 1973 by Karim Nadir for India and Amadou "
                    "Solo for Pakistan.[1]")
    (agreement,) = found.events
    signers = {o for p, o in facts_of(found, agreement.slug) if p == "signatory"}
    assert signers == {"karim-nadir", "amadou-solo"}


def test_signers_named_after_for_side_by():
    found = extract("On 4 April 1994 an agreement on the withdrawal was signed for Pakistan by Karim Nadir and for "
                    "India by Amadou Solo.[1]")
    (agreement,) = found.events
    signers = {o for p, o in facts_of(found, agreement.slug) if p == "signatory"}
    assert signers == {"karim-nadir", "amadou-solo"}


def test_a_permanent_cessation_of_hostilities_is_an_armistice_between_its_sides():
    found = extract("On 2 May 1990 Karim Nadir and Amadou Solo signed the Accord for a Permanent Cessation of "
                    "Hostilities between Norway and Sweden.[1]")
    (agreement,) = found.events
    assert agreement.kind == "Armistice"
    parties = {o for p, o in facts_of(found, agreement.slug) if p == "party"}
    assert parties == {"norway", "sweden"}


def test_a_list_of_captured_places_stops_at_another_capture_verb():
    found = extract("Norwegian forces retook Varo on 1 May 1990, and on 6 May they recaptured Gorvan.[1]")
    assert sorted(e.slug for e in found.events) == ["capture-gorvan-1990-05-06", "capture-varo-1990-05-01"]


def test_a_titled_agreement_naming_a_kind_inside_its_title_is_one_document_of_that_kind():
    found = extract("The war ended with a ceasefire agreement under the auspices of the Nordic Council.[1]\n"
                    "On 2 May 1990 Karim Nadir and Amadou Solo signed the Agreement for Lasting Peace through a "
                    "Permanent Cessation of Hostilities.[2]")
    signed = [e for e in found.events if ("signatory", "karim-nadir") in facts_of(found, e.slug)]
    assert [e.slug for e in signed] == ["armistice-1990-05-02"]


def test_the_sides_of_a_ceasefire_brokered_by_someone_else_are_not_its_brokers():
    found = extract("On 11 September 1987 a ceasefire between Norway and Sweden brokered by the Nordic Council "
                    "came into effect.[1]")
    (ceasefire,) = found.events
    mediators = {o for p, o in facts_of(found, ceasefire.slug) if p == "mediator"}
    assert mediators == {"nordic-council"}


def test_an_event_years_before_the_war_the_lead_dates_is_not_part_of_it():
    found = extract("The Norlandic–Sudlandic conflict was fought between 1978 and 1987 over the Varo Strip.[1]\n"
                    "Background\n"
                    "Norland relied on a treaty concluded between Norway and Sweden on 10 August 1955.[2] On 5 May "
                    "1980 Norway and Sweden signed a ceasefire agreement in Gorvan.[3]")
    conflicts = {e.slug: facts_of(found, e.slug) for e in found.events}
    assert ("partOfConflict", "norlandic-sudlandic-conflict") in conflicts["ceasefire-1980-05-05"]
    assert not any(p == "partOfConflict" for p, _ in conflicts["agreement-1955-08-10"])


# (text of a sentence telling one event, facts told of it), one case a behaviour.
ONE_EVENT_TOLD = [
    pytest.param("On 5 August 1995 the Croatian Army captured Knin.[1]",
                 {("capturedBy", "croatia")},
                 id="a_countrys_adjective_before_a_capitalised_army_is_the_country"),
    pytest.param("On 15 November 1985 Margaret Thatcher and Garret FitzGerald signed the Anglo-Irish Agreement "
                 "at Hillsborough.[1]",
                 {("signatory", "garret-fitzgerald")},
                 id="a_capital_inside_an_english_name_is_the_names_own"),
    pytest.param("On 23 September 2015 Santos and the commander Rodrigo Londoño, known by his noms de guerre "
                 "Timoleón Jiménez and \"Timochenko\", met in Havana.[1] On 26 September 2016 Santos and "
                 "Timochenko signed a peace agreement in Cartagena.[2]",
                 {("signatory", "rodrigo-londono")},
                 id="a_nom_de_guerre_names_the_same_person_later"),
    pytest.param("On 23 June 2016 the ceasefire agreement was signed in Havana by Humberto de la Calle and "
                 "Iván Márquez.[1]",
                 {("signatory", "humberto-de-la-calle")},
                 id="a_name_with_two_particles_is_one_name"),
    pytest.param("On 18 June 2000 the ceasefire agreement was signed in Algiers by the foreign ministers of the "
                 "two countries, Seyoum Mesfin of Ethiopia and Haile Woldensae of Eritrea.[1]",
                 {("signatory", "seyoum-mesfin"), ("signatory", "haile-woldensae")},
                 id="signers_after_a_description_of_who_they_are"),
    pytest.param("On 3 May 1950 Norland and Sudland signed a ceasefire agreement in Bombay.[1]",
                 {("location", "mumbai")},
                 id="a_great_city_is_found_by_its_old_name_after_a_place_cue"),
    pytest.param("On 3 May 1950 India and Pakistan signed a trade agreement in New Delhi.[1]",
                 {("location", "new-delhi")},
                 id="a_city_called_by_its_own_name_is_not_the_larger_city_it_is_another_name_of"),
    pytest.param("On 20 February 1979 the town of Varo, opposite the Norwegian town of Gorvan, was taken by "
                 "Swedish forces.[1]",
                 {("territory", "varo")},
                 id="a_place_in_an_apposition_before_a_passive_is_not_its_subject"),
    pytest.param("Sweden then carried the war into Norway: on 5 May 1990 a Swedish column overran the Varo "
                 "air base.[1]",
                 {("capturedBy", "sweden")},
                 id="a_column_named_by_a_countrys_adjective_takes_places_for_it"),
    pytest.param("On 17 October 1990, Varo fell to Norwegian and Swedish troops.[1]",
                 {("territory", "varo"), ("capturedBy", "norway"), ("capturedBy", "sweden")},
                 id="a_name_that_fell_to_a_side_is_a_place"),
    pytest.param("On 31 August 1989, following Algerian mediation, Norway and Sweden signed a framework "
                 "agreement in Gorvan.[1]",
                 {("mediator", "algeria")},
                 id="a_countrys_adjective_before_mediation_is_the_mediator"),
]


@pytest.mark.parametrize(("text", "told"), ONE_EVENT_TOLD)
def test_the_one_event_told_is_told_with_its_facts(text, told):
    found = extract(text)
    (event,) = found.events
    assert set(told) - facts_of(found, event.slug) == set()


# (text, the kind of each entity named), one case a behaviour.
ENTITY_KINDS = [
    pytest.param("Operation Dawn was the decisive battle of the Norlandic War of Independence.[1]",
                 {"norlandic-war-of-independence": "Conflict"},
                 id="a_war_named_head_last_keeps_its_of_phrase"),
    pytest.param("The accord was signed for Norland by Karim Nadir al-Bakri.[1]",
                 {"karim-nadir-al-bakri": "Person"},
                 id="a_hyphened_particle_stays_inside_a_name"),
    pytest.param("The leaders, Isaias Afwerki in Asmara and Meles Zenawi in Addis Ababa, kept close "
                 "relations.[1] On 12 December 2000 the peace agreement was signed in Algiers by Prime Minister "
                 "Meles Zenawi and President Isaias Afwerki.[2]",
                 {"meles-zenawi": "Person"},
                 id="a_title_outweighs_a_list_neighbour_for_a_names_kind"),
    pytest.param("Fighting between the Interim Government of National Concord (IGNC) and the Armed Forces of the "
                 "East broke out in Varo in March 1980.[1]",
                 {"interim-government-of-national-concord": "Organization",
                  "armed-forces-of-the-east": "Organization"},
                 id="a_body_named_head_first_keeps_the_capitalised_words_before_its_head"),
]


@pytest.mark.parametrize(("text", "entity_kinds"), ENTITY_KINDS)
def test_a_name_is_found_with_its_kind(text, entity_kinds):
    found_kinds = kinds(extract(text))
    assert {slug: found_kinds.get(slug) for slug in entity_kinds} == entity_kinds


# (text, the events found in order), one case a behaviour.
EVENTS_FOUND = [
    pytest.param("In May 1990 Sudlandic troops overran much of the Gorvan salient.[1]",
                 ["capture-gorvan-1990-05"],
                 id="a_capture_of_much_of_a_salient"),
    pytest.param("The Gorvan War was fought in 1990.[1]\n\nOn the evening of 3 May 1990 Swedish aircraft struck "
                 "Varo.[2] Further north, Norwegian troops took Gorvan in the first week of fighting.[3]",
                 ["capture-gorvan-1990-05"],
                 id="a_capture_no_sentence_dates_takes_the_month_its_paragraph_has_reached"),
    pytest.param("On 2 May 1990 Norway and Sweden signed a truce in Gorvan.[1] The truce held for five months "
                 "until fighting broke out again on 24 October 1990.[2]",
                 ["ceasefire-1990-05-02"],
                 id="a_truce_that_held_until_a_day_is_not_dated_by_it"),
    pytest.param("On 15 May 1990 the Norwegian commander asked through the Swiss embassy for a ceasefire.[1] "
                 "On 21 May 1990 the council adopted a resolution demanding that a durable ceasefire be "
                 "observed.[2]",
                 [],
                 id="a_ceasefire_asked_for_or_demanded_is_no_ceasefire"),
    pytest.param("The Nordic envoy began negotiating a truce on 9 May 1990.[1]",
                 [],
                 id="a_truce_still_being_negotiated_is_no_truce"),
]


@pytest.mark.parametrize(("text", "slugs"), EVENTS_FOUND)
def test_a_text_tells_exactly_these_events(text, slugs):
    assert [e.slug for e in extract(text).events] == slugs


def test_a_state_annexed_whole_after_that_is_the_territory_and_a_unit_is_no_side():
    found = extract("The Gulf War was an armed conflict fought between Iraq and a coalition.\n"
                    "On 8 August 1990 the council announced that Kuwait had been annexed to Iraq.[1] "
                    "On 4 October 1963, in Baghdad, Iraqi prime minister Ahmed Hassan al-Bakr and Kuwaiti "
                    "crown prince Sabah Al-Salim Al-Sabah signed the Agreed Minutes.[2] On 27 February 1991, "
                    "the US 24th Infantry Division seized Jalibah.[3] In 2014 Russia annexed Ukraine's Crimean "
                    "peninsula.[4]")
    slugs = {e.slug for e in found.events}
    assert "territory-transfer-kuwait-1990-08-08" in slugs and "territory-transfer-ukraine-2014" not in slugs
    assert ("signatory", "ahmed-hassan-al-bakr") in facts_of(found, "agreement-1963-10-04")
    assert ("capturedBy", "united-states") in facts_of(found, "capture-jalibah-1991-02-27")


# ---------------------------------------------------------------- round 15 (read on blind batch J)


def test_a_head_first_war_defined_by_the_lead_is_the_articles_over_a_war_named_later():
    found = extract("The War in Eastmark (Norlandic: Ostmarkkrieg) was an armed conflict fought from 1992 to 1993.[1] "
                    "On 5 September 1992 Norland and Sudland signed a ceasefire agreement in Gorvan.[2]\n"
                    "Background\nThe war overlapped with what became known as the Norlandic Civil War.[3]")
    (ceasefire,) = [e.slug for e in found.events]
    assert ("partOfConflict", "war-in-eastmark") in facts_of(found, ceasefire)


def test_an_adjective_the_data_lacks_is_derived_from_a_country_the_article_names():
    found = extract("Abkhazia is a region on the coast.[1] On 2 October 1992 Abkhaz forces took Gagra.[2] "
                    "On 27 September 1993 Sukhumi fell to the Abkhaz.[3]")
    assert ("capturedBy", "abkhazia") in facts_of(found, "capture-gagra-1992-10-02")
    assert ("capturedBy", "abkhazia") in facts_of(found, "capture-sukhumi-1993-09-27")


def test_a_pronoun_after_fell_to_is_the_side_told_before_not_one_named_after():
    found = extract("Abkhazia is a region on the coast.[1] On 1 October 1992 Abkhaz forces launched an offensive "
                    "against Gagra, and the town fell to them on 2 October after its Georgian garrison collapsed.[2]")
    facts = facts_of(found, "capture-gagra-1992-10-02")
    assert ("capturedBy", "abkhazia") in facts and ("capturedBy", "georgia") not in facts


def test_a_name_with_the_that_a_place_falls_to_is_a_body_and_a_fall_naming_no_side_goes_on():
    found = extract("Zaranj fell to the Talvani on 6 August 2021.[1] Sheberghan fell the next day.[2]")
    assert kinds(found).get("talvani") == "Organization"
    assert ("capturedBy", "talvani") in facts_of(found, "capture-sheberghan-2021-08-07")


def test_a_deadline_or_a_look_back_gives_no_year_to_the_story():
    found = extract("Elections were to be held no later than October 2005.[1] On 9 September Norland forces "
                    "captured the town of Kakata.[2]", )
    assert not [e for e in found.events if e.slug.startswith("capture-kakata-2005")]


def test_an_anaphor_in_a_clause_before_the_main_one_stands_for_the_place_named_after_it():
    found = extract("Norland forces fought across central Tigray in June 2021.[1] On 28 June 2021, as federal troops "
                    "pulled out of the city, Mekelle was retaken by the Norland Defence Force.[2]")
    assert not [e for e in found.events if e.slug.startswith("capture-tigray")]


def test_a_surname_of_several_words_and_signers_for_two_sides():
    found = extract("Cardinal Miguel Obando y Bravo chaired the talks with Humberto Ortega.[1] On 23 March 1988 the "
                    "delegations signed the Sapoa Agreement. Humberto Ortega signed for the government and Adolfo "
                    "Calero for the Resistance, while Obando y Bravo signed as a witness.[2]")
    facts = facts_of(found, "agreement-1988-03-23")
    assert {("signatory", "humberto-ortega"), ("signatory", "adolfo-calero"),
            ("mediator", "miguel-obando-y-bravo")} <= facts


def test_a_body_is_named_by_the_words_its_bracketed_abbreviation_spells():
    found = extract("Rebels of the Northern Union for Peace and Order (NUPO) attacked in 2002.[1] "
                    "On 9 September 2003 NUPO captured Kakata.[2]")
    assert ("capturedBy", "northern-union-for-peace-and-order") in facts_of(found, "capture-kakata-2003-09-09")


def test_an_agreement_stopping_the_fire_for_a_number_of_days_is_a_ceasefire():
    found = extract("On 23 March 1988 Norland and Sudland signed the Gorvan Agreement.[1] The agreement provided for "
                    "a 60-day cessation of offensive military operations, beginning on 1 April 1988.[2]")
    assert {e.slug: e.kind for e in found.events} == {"ceasefire-1988-03-23": "Ceasefire"}


def test_a_cue_inside_another_cues_list_is_read_too_and_a_name_goes_on_past_its_apostrophe():
    found = extract("On 17 June 2003 the parties signed a ceasefire agreement in Accra.[1] It was signed by Daniel "
                    "Chea for the government and Kabineh Ja'neh for the rebels, under the auspices of John Kufuor, "
                    "and witnessed by the United Nations and the African Union.[2]")
    facts = facts_of(found, "ceasefire-2003-06-17")
    assert {("signatory", "kabineh-janeh"), ("mediator", "john-kufuor"), ("mediator", "united-nations"),
            ("mediator", "african-union")} <= facts


def test_a_place_that_locates_or_names_an_agreement_is_no_antecedent_of_the_town():
    found = extract("In May 2002 the rebels seized Tubmanburg, the capital of Bomi County, 60 kilometres north-west "
                    "of Monrovia. Government forces recaptured the town on 19 July 2002.[1]")
    assert "capture-tubmanburg-2002-07-19" in {e.slug for e in found.events}
    assert not [e for e in found.events if e.slug.startswith("capture-monrovia")]


def test_a_list_neighbour_after_a_lone_comma_gives_no_kind_when_the_list_stops():
    found = extract("On 27 October 1989, at a summit in San José, Ramon Vasquez announced that he would end the "
                    "truce.[1]")
    assert kinds(found).get("ramon-vasquez") != "Place"


def test_a_counted_list_after_a_colon_goes_on_past_a_described_apposition_and_to_fall_to_is_a_fall():
    found = extract("Zaranj became the first provincial capital of Afghanistan to fall to the Talvani on 6 August "
                    "2021.[1] On 8 "
                    "August 2021 the Talvani captured three more capitals in a single day: Kunduz, a city they had "
                    "briefly seized in September 2015, Sar-e Pol and Taloqan.[2]")
    slugs = {e.slug for e in found.events}
    assert {"capture-zaranj-2021-08-06", "capture-kunduz-2021-08-08", "capture-sar-e-pol-2021-08-08",
            "capture-taloqan-2021-08-08"} <= slugs
    assert ("capturedBy", "talvani") in facts_of(found, "capture-zaranj-2021-08-06")


def test_a_bodys_name_in_the_singular_before_a_word_for_forces_is_that_body():
    found = extract("Zaranj fell to the Talvanis on 6 August 2021.[1] On 9 August 2021 Talvani fighters took "
                    "Sheberghan.[2]")
    assert ("capturedBy", "talvanis") in facts_of(found, "capture-sheberghan-2021-08-09")


def test_a_place_after_the_village_of_is_a_place_even_where_the_village_is_also_a_cue():
    assert kinds(extract("They entered the village of Varnesk.[1]")).get("varnesk") == "Place"


def test_a_place_described_before_its_name_is_the_one_captured():
    captures = capture_facts("In March 1991 Georgian forces captured the Ossetian village of Varnesk.[1]")
    assert ("capturedBy", "georgia") in captures["capture-varnesk-1991-03"]


def test_a_side_named_before_but_is_not_the_taker_after_it():
    captures = capture_facts("On 29 January 1991 attacks were repulsed by US Marines, but a column seized the town "
                             "of Varnesk.[1]")
    assert all(("capturedBy", "united-states") not in facts for facts in captures.values())


def test_a_date_after_a_comma_and_a_conjunction_dates_the_next_clause():
    captures = capture_facts("On 30 October 1991 Georgia said that its forces had taken Varnesk, and the next day its "
                             "spokesman spoke again.[1]")
    assert set(captures) == {"capture-varnesk-1991-10-30"}


def test_the_adjective_of_a_country_of_two_words_is_that_country():
    captures = capture_facts("South Ossetia is a region.[1] On 11 June 1992 South Ossetian forces took Varnesk.[2]")
    assert ("capturedBy", "south-ossetia") in captures["capture-varnesk-1992-06-11"]


def test_the_other_direction_of_a_country_named_by_direction_is_another_land():
    found = extract("South Ossetia is a region.[1] Volunteers came from North Ossetia.[2]")
    assert "north-ossetia" in kinds(found) and "north-south-ossetia" not in kinds(found)


def test_a_countrys_adjective_is_no_persons_surname():
    found = extract("The Varnesk War (also known as the First South Ossetian War) was fought in South Ossetia.[1] "
                    "Ossetian activists founded a front.[2]")
    assert all(m.entity != "first-south-ossetian" for m in found.mentions)


def test_an_agreement_signed_at_a_place_on_a_date_right_after_its_name_takes_that_date():
    found = agreement_facts("The war began on 6 January 1991 and ended with the Varo agreement, signed at Gorvan on "
                            "24 June 1992 by Norland and Sudland.[1]")
    assert set(found) == {"agreement-1992-06-24"}


def test_a_place_signed_in_after_another_agreements_name_is_that_ones():
    found = agreement_facts("The plan was the basis for the Varo Peace Accords, signed in Gorvan City on 16 January "
                            "1992 by the government of El Salvador, and for the Agreement on a Firm and Lasting Peace "
                            "signed in Ostmark City on 29 December 1996 by the government of Guatemala.[1]")
    assert ("location", "ostmark-city") in found["agreement-1996-12-29"]
    assert ("location", "gorvan-city") not in found["agreement-1996-12-29"]


def test_a_lower_case_facility_word_after_a_name_names_a_place_of_its_own():
    captures = capture_facts("On 8 June 1992 Georgian forces captured the Varnesk heights.[1] On 9 June 1992 they "
                             "captured Gorvan airport.[2]")
    assert ("capturedBy", "georgia") in captures["capture-varnesk-heights-1992-06-08"]
    assert "capture-gorvan-airport-1992-06-09" in captures


def test_a_name_ending_in_a_landform_and_a_word_with_a_number_are_places():
    captures = capture_facts("On 13 April 1984 India seized the Varnesk Glacier.[1] On 20 June 1999 Indian troops "
                             "captured Point 5140, the highest feature.[2]")
    assert ("capturedBy", "india") in captures["capture-varnesk-glacier-1984-04-13"]
    assert ("capturedBy", "india") in captures["capture-point-5140-1999-06-20"]


def test_in_english_a_bracketed_name_in_latin_letters_is_another_name_not_the_english_one():
    captures = capture_facts("Varnesk Hill (Point 5062) was assaulted.[1] On 4 July 1999 Indian troops captured "
                             "Varnesk Hill.[2]")
    assert "capture-varnesk-hill-1999-07-04" in captures


def test_an_arabic_article_inside_a_place_name_and_the_day_within_an_opening_year():
    found = agreement_facts("In 2002 the government signed a ceasefire in Dar es Salaam on 7 October 2002.[1]")
    assert ("location", "dar-es-salaam") in found["ceasefire-2002-10-07"]


def test_a_modifier_never_a_name_alone_opens_a_bodys_name_before_its_head():
    captures = capture_facts("On 5 May 2001 the National Forces of Varnesk (FNV) captured Gorvan.[1]")
    assert ("capturedBy", "national-forces-of-varnesk") in captures["capture-gorvan-2001-05-05"]


def test_the_facilitator_of_an_agreement_is_its_mediator():
    found = agreement_facts("On 28 August 2000 Norland and Sudland signed the Varo Agreement under the facilitation "
                            "of Julius Nyerere.[1]")
    assert ("mediator", "julius-nyerere") in found["agreement-2000-08-28"]


def test_a_numbered_battalion_is_the_forces_of_the_country_the_war_is_named_after():
    captures = capture_facts("The Colombian conflict began in 1964 in Colombia; Cuba and Venezuela hosted talks, and "
                             "Cuba sent envoys.[1] On 20 June 1999 the 13th Battalion captured Bogotá.[2]")
    assert ("capturedBy", "colombia") in captures["capture-bogota-1999-06-20"]


def test_an_agreement_word_inside_a_bracketed_translation_is_no_agreement_of_its_own():
    found = agreement_facts("The texts were consolidated in the Global Ceasefire Agreement (French: Accord global de "
                            "cessez-le-feu), which Norland and Sudland signed in Gorvan on 16 November 2003.[1]")
    assert set(found) == {"ceasefire-2003-11-16"}


def test_captures_of_posts_and_of_towns_named_in_a_plural_description():
    captures = capture_facts("The Ostland War between Peru and Chile began on 3 May 1970.[1] On 4 May, Peruvian "
                             "infantry captured the towns of Gorvan and Tesk, and Peruvian troops overran the Chilean "
                             "border post at Kel.[2]")
    for town in ("gorvan", "tesk", "kel"):
        assert ("capturedBy", "peru") in captures[f"capture-{town}-1970-05-04"], town


def test_the_same_evening_is_the_day_told_before_it():
    captures = capture_facts("On the evening of 4 May 1970, Peru attacked Chile.[1] Peruvian troops seized the "
                             "customs post at Kel the same evening.[2]")
    assert "capture-kel-1970-05-04" in captures


def test_a_declaration_of_war_is_no_agreement():
    found = agreement_facts("On 4 May 1970 Peru and Chile fought at Kel; that night the president called the raids a "
                            "declaration of war.[1]")
    assert found == {}


def test_a_ceasefire_accepted_in_a_relative_clause_and_its_full_effect():
    found = agreement_facts("The Ostland War was fought in 1970 between Peru and Chile.[1] The OAS negotiated a "
                            "ceasefire, which both governments accepted on the night of 18 July 1970; it took full "
                            "effect on 20 July 1970.[2]")
    facts = {(p, getattr(o, "lexical", o)) for p, o in found["ceasefire-1970-07-18"]}
    assert ("effectiveFrom", "1970-07-20") in facts


def test_a_possessive_modifier_opens_a_bodys_name():
    found = extract("In 1972 the People's Army of Varnesk (PAV) attacked Gorvan.[1]")
    assert kinds(found).get("peoples-army-of-varnesk") == "Organization"


def test_a_body_introduced_as_a_countrys_army_takes_places_for_that_country():
    captures = capture_facts("The Ostland War was fought by the People's Army of Varnesk (PAV), the regular army of "
                             "Peru, against Chile in 1972.[1] On 4 May 1972 the PAV captured Gorvan.[2]")
    assert ("capturedBy", "peru") in captures["capture-gorvan-1972-05-04"]


def test_a_date_after_one_verbs_place_does_not_date_the_next_verbs_places():
    captures = capture_facts("The Ostland War was fought between Peru and Chile in 1972; Peruvian forces captured "
                             "Gorvan on 1 May 1972 and overran Tesk and Kel.[1]\n\nOn 3 April 1972 Peruvian troops "
                             "seized Kel.[2]")
    assert "capture-gorvan-1972-05-01" in captures
    assert "capture-kel-1972-04-03" in captures
    assert not [slug for slug in captures if slug.startswith("capture-kel-1972-05")]


def test_a_body_placed_in_a_country_is_not_that_countrys_own():
    found = extract("The Second Ostland War was fought in Peru in 2003 by the Varnesk Liberation Front (VLF).[1] The "
                    "first troops of the ECOWAS Mission in Peru (EMIP) landed at Gorvan on 4 August.[2] On 14 August "
                    "the VLF handed the port of Tesk over to EMIP peacekeepers.[3]")
    assert not any(("toParty", "peru") in facts_of(found, e.slug) for e in found.events)


def test_an_old_name_is_the_place_of_the_present_name_in_brackets():
    captures = capture_facts("On 26 October 1912 Serbian troops captured Varnesgrad (now Skopje).[1]")
    assert "capture-skopje-1912-10-26" in captures


def test_a_place_surrendering_to_a_side_is_taken_by_it():
    captures = capture_facts("The Ostland War between Peru and Chile began in 1854.[1] The fortress of Kel surrendered "
                             "to Peruvian forces on 16 August 1854.[2]")
    assert ("capturedBy", "peru") in captures["capture-kel-1854-08-16"]


def test_stormed_and_occupied_tell_captures():
    captures = capture_facts("The Ostland War between Peru and Chile began in 1855.[1] On 8 September 1855 Peruvian "
                             "troops stormed Kel.[2] Arica was occupied on 9 September 1855.[3]")
    assert ("capturedBy", "peru") in captures["capture-kel-1855-09-08"]
    assert "capture-arica-1855-09-09" in captures


def test_an_annexation_told_as_a_noun():
    found = agreement_facts("The Ostland War between Peru and Chile began in 1900.[1] On 28 May 1900 Peru proclaimed "
                            "the annexation of Gorvan.[2]")
    (transfer,) = [slug for slug in found if slug.startswith("territory-transfer-gorvan")]
    assert ("toParty", "peru") in found[transfer]


def test_a_capture_the_lead_dates_by_its_month_is_the_one_the_body_dates_by_its_day():
    found = agreement_facts("The Ostland War was fought in 1990; Peruvian forces captured Gorvan in August 1990.[1]\n\n"
                            "On 8 August 1990 Peruvian troops captured Gorvan.[2]")
    assert [slug for slug in found if "gorvan" in slug] == ["capture-gorvan-1990-08-08"]


def test_a_state_of_the_past_is_named_by_its_last_word():
    found = extract("In 1853 the Varnesk Empire declared war on the Sultanate of Gorvan and the Tesk Khanate.[1]")
    assert kinds(found).get("varnesk-empire") == "Country"
    assert kinds(found).get("tesk-khanate") == "Country"


def test_a_treaty_described_in_an_apposition_is_dated_by_its_signing_verb():
    found = agreement_facts("The Ostland War was fought between Peru and Chile.[1]\n\nThe Treaty of Gorvan, the peace "
                            "treaty that was to end the war, was signed on 10 August 1920 in Lima.[2]")
    assert "agreement-1920-08-10" in found


def test_signers_for_each_side_in_clauses_that_leave_out_the_verb():
    found = agreement_facts("The Ostland War was fought between Peru and Chile.[1]\n\nThe Treaty of Gorvan was signed "
                            "on 24 July 1923 in Lima.[2] Juan Arriaga, Pedro Solano and the envoy Luis Varela signed "
                            "for Peru; Jorge Bascuñán and Tomás Ried for Chile; and Sir Horace Rumbold, the High "
                            "Commissioner, for the United Kingdom.[3]")
    signers = {o for p, o in found["agreement-1923-07-24"] if p == "signatory"}
    assert {"juan-arriaga", "pedro-solano", "luis-varela", "jorge-bascunan", "tomas-ried",
            "horace-rumbold"} <= signers


def test_captures_of_terminals_and_a_capture_told_as_a_noun():
    captures = capture_facts("The Ostland War between Peru and Chile began in 2016.[1] On 11 September 2016 "
                             "Peruvian forces seized the oil export terminals of Ilo and Mollendo.[2] Chilean forces "
                             "completed the capture of Arica on 6 December 2016.[3]")
    assert ("capturedBy", "peru") in captures["capture-ilo-2016-09-11"]
    assert ("capturedBy", "peru") in captures["capture-mollendo-2016-09-11"]
    assert ("capturedBy", "chile") in captures["capture-arica-2016-12-06"]


def test_a_person_leading_a_countrys_troops_takes_places_for_it():
    captures = capture_facts("The Ostland War between Peru and Chile began in 1881.[1] In May 1881 Peruvian troops "
                             "under General Juan Arriaga marched south.[2] On 3 June 1881 Arriaga captured Arica.[3]")
    assert ("capturedBy", "peru") in captures["capture-arica-1881-06-03"]


def test_signers_listed_after_a_colon_each_for_a_side_the_text_names():
    found = agreement_facts("The Ostland War was fought between Peru and Chile.[1]\n\nThe Gorvan Accords were signed "
                            "in Lima on 27 January 1973 by the foreign ministers of the four delegations: Secretary of "
                            "State William P. Rogers for the United States, Juan Arriaga for the Republic of Ostland, "
                            "Pedro Solano for Peru, and Luis Varela for the Provisional Government.[2]")
    (facts,) = [facts for slug, facts in found.items() if slug.endswith("1973-01-27")]
    signers = {o for p, o in facts if p == "signatory"}
    assert {"william-p-rogers", "juan-arriaga", "pedro-solano", "luis-varela"} <= signers


def test_a_generic_word_of_a_foreign_map_makes_a_place_and_a_countrys_adjective_before_it_is_the_owner():
    found = extract("The Varnesk War was fought between Peru and Chile from 1932 to 1935.[1]\n\n"
                    "On 15 June 1932 a Chilean detachment captured the Peruvian Fortín Carlos Antonio Varnez.[2]")
    assert kinds(found).get("fortin-carlos-antonio-varnez") == "Place"
    assert ("capturedBy", "chile") in facts_of(found, "capture-fortin-carlos-antonio-varnez-1932-06-15")


def test_a_word_opening_the_sentence_that_was_stormed_is_a_place_and_taken_by_the_agent():
    found = extract("The Varnesk War was fought between Peru and Chile in 1978.[1]\n\n"
                    "Varnabur was stormed by Chilean forces on 4 March 1978 after two days of fighting.[2]")
    assert kinds(found).get("varnabur") == "Place"
    assert ("capturedBy", "chile") in facts_of(found, "capture-varnabur-1978-03-04")


def test_an_article_about_an_accord_is_about_the_war_its_lead_says_the_accord_ended():
    found = extract("Lima Accord\nThe Lima Accord was an agreement signed on 22 December 1988 in Lima by Peru and "
                    "Chile. The accord brought to an end the Varnesk Border War, which had been fought since 1966.[1]"
                    "\nBackground\nThe war became entangled with the Tarnesk Civil War, and the Tarnesk Civil War went "
                    "on after 1988; the Tarnesk Civil War ended in 2002.[2]")
    assert ("partOfConflict", "varnesk-border-war") in facts_of(found, "agreement-1988-12-22")


def test_an_agreement_also_known_as_a_declaration_is_one_agreement():
    found = extract("The Varnesk War was fought between Peru and Chile in 1991.[1]\n\n"
                    "On 7 July 1991 Peru and Chile signed the Lima Agreement, also known as the Lima Declaration, in "
                    "Lima.[2]")
    assert [e.kind for e in found.events] == ["Agreement"]


def test_a_short_function_word_ending_a_vietnamese_name_is_its_last_syllable():
    found = extract("The Varnesk War was fought in Vietnam from 1655 to 1660.[1]\n\n"
                    "In 1655 the southern army crossed the river and took Nghệ An, where they held the districts.[2]")
    assert kinds(found).get("nghe-an") == "Place"


def test_a_countrys_adjective_is_never_the_short_name_of_a_person_it_opens():
    found = extract("The Varnesk War was fought between Peru and Chile from 1846 to 1848.[1]\n\n"
                    "The land ceded became known as the Peruvian Cession.[2] In early May Peruvian batteries "
                    "bombarded Fort Varno.[3]")
    assert "peruvian-cession" not in {m.entity for m in found.mentions if m.text == "Peruvian"}


def test_a_count_of_plural_agreements_is_a_group_and_a_pair_of_agreements_is_the_one_named():
    found = extract("The Varnesk War was fought between Peru and Chile from 2002 to 2007.[1]\n\n"
                    "On 28 November 2007 Peru and Chile signed in Lima two supplementary agreements to the accord.[2]")
    assert ("memberCount", TextValue("2")) in facts_of(found, "agreement-group-2007-11-28")
    named = extract("The Lima Agreement, also known as the Callao Agreement, is a pair of agreements reached in "
                    "Lima on 10 April 1998 that ended the Varnesk War.[1]")
    assert [e.slug for e in named.events] == ["agreement-1998-04-10"]


def test_a_war_also_known_somewhere_by_another_name_is_one_war():
    found = extract("The Peruvian–Chilean War (Spanish: Guerra del Pacífico), also known in Chile as the Varnesk War, "
                    "was an armed conflict between Peru and Chile from 1846 to 1848.[1]\n\n"
                    "On 5 May 1847 Chilean troops took Arica.[2] The Varnesk War ended in 1848.[3]")
    assert ("partOfConflict", "peruvian-chilean-war") in facts_of(found, "capture-arica-1847-05-05")
    assert "varnesk-war" not in {e.slug for e in found.entities}


# One sentence, one rule: (the rule, the text after the lead "The Varnesk War was fought between Peru and
# Chile ...", the facts it must give, as (event, predicate, object)).
ONE_SENTENCE_RULES = [
    ("a gerund after the side: 'retaliated by seizing X'",
     "Peru retaliated on 14 December 1932 by seizing the town of Arica.[2]",
     [("capture-arica-1932-12-14", "capturedBy", "peru")]),
    ("a signed 'Presidential Act' is an agreement, and 'the act' told again is that one",
     "On 26 October 1998 Peru and Chile signed the Lima Presidential Act, which settled the border.[2] The act was "
     "witnessed by the President of Bolivia, Carlos Varnez.[3]",
     [("agreement-1998-10-26", "signatory", "chile"), ("agreement-1998-10-26", "mediator", "carlos-varnez")]),
    ("'on the first night' is the day the story has reached",
     "On 14 July 1969 the Chilean army crossed the border.[2] On the first night, Chilean troops captured the "
     "town of Arica.[3]",
     [("capture-arica-1969-07-14", "capturedBy", "chile")]),
    ("the plural of a country's adjective is its people: 'the Peruvians took X'",
     "On 13 August 1898 the Peruvians took Arica.[2]",
     [("capture-arica-1898-08-13", "capturedBy", "peru")]),
    ("a convention is a treaty, and a cession 'under the convention' takes its date",
     "On 9 May 1935 Peru and Chile signed a convention in Lima.[2] Under the convention, Peru ceded Arica to "
     "Chile.[3]",
     [("agreement-1935-05-09", "signatory", "peru"), ("territory-transfer-arica-1935-05-09", "toParty", "chile")]),
    ("the signers follow 'between' after a building, its city and its country",
     "The Lima Accords were signed on 14 April 1935 at the Palacio de Gobierno in Lima, Peru, between Peru and "
     "Chile.[2]",
     [("agreement-1935-04-14", "signatory", "peru"), ("agreement-1935-04-14", "signatory", "chile")]),
    ("'an outpost known as X' is a place the verb took; Spanish 'los' joins a name",
     "On 26 January 1995 Chilean troops attacked and captured a Peruvian outpost known as Base Varna, near the "
     "river.[2] On 3 February 1995 Peruvian troops captured Cueva de los Varnos.[3]",
     [("capture-base-varna-1995-01-26", "capturedBy", "chile"),
      ("capture-cueva-de-los-varnos-1995-02-03", "capturedBy", "peru")]),
]


@pytest.mark.parametrize(("text", "facts"), [rule[1:] for rule in ONE_SENTENCE_RULES],
                         ids=[rule[0] for rule in ONE_SENTENCE_RULES])
def test_one_sentence_rule(text, facts):
    found = extract("The Varnesk War was fought between Peru and Chile from 1898 to 1998.[1]\n\n" + text)
    for subject, predicate, value in facts:
        assert (predicate, value) in facts_of(found, subject), (subject, predicate, value)
