"""The pages in a real browser (headless Chromium): the query editor, the evidence highlight, the timeline, and
accessibility basics. Screenshots land in test-artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Locator, Page

from graph.namespaces import CKG, RES
from queries import QUERIES_DIR
from tests.browser.conftest import ARTIFACTS
from tests.live.conftest import LiveServer

pytestmark = [pytest.mark.live, pytest.mark.browser]

COUNTRIES = f"SELECT ?country WHERE {{ ?country a <{CKG.Country}> }}"
# More resources than one page of the results table holds (50 rows).
RESOURCES = f"SELECT DISTINCT ?resource WHERE {{ ?resource ?p ?o FILTER(STRSTARTS(STR(?resource), '{RES}')) }}"
# The span the armistice's statements point at: code points [0:257] of the sample document (sentence 1).
ARMISTICE_SPAN_START = "Ngày 9 tháng 11 năm 2020, một thỏa thuận đình chiến được ký tại Moskva"

ACCESSIBILITY_PROBLEMS = """() => {
  const problems = [];
  if (!document.documentElement.lang) problems.push("no lang attribute on <html>");
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
  if (document.querySelectorAll("h1").length !== 1) problems.push("not exactly one h1");
  let previous = 0;
  for (const heading of headings) {
    const level = Number(heading.tagName[1]);
    if (level > previous + 1) problems.push(`heading level skips to ${heading.tagName}: ${heading.textContent}`);
    previous = level;
  }
  for (const image of document.querySelectorAll("img")) {
    if (!image.hasAttribute("alt")) problems.push(`img without alt: ${image.src}`);
  }
  for (const svg of document.querySelectorAll("svg")) {
    const hidden = svg.getAttribute("aria-hidden") === "true" || svg.closest("[aria-hidden=true]");
    const named = svg.getAttribute("aria-labelledby") || svg.getAttribute("aria-label") || svg.querySelector("title");
    if (!hidden && !named && svg.offsetParent !== null) problems.push("svg without a text alternative");
  }
  for (const control of document.querySelectorAll("input, select, textarea, button")) {
    if (control.type === "hidden" || control.closest("[hidden]")) continue;
    // The results widget (DataTables inside Yasr) is the vendor's; the editor's own input must be labelled.
    if (control.closest(".yasr")) continue;
    const labelled = control.labels?.length || control.getAttribute("aria-label") ||
      control.getAttribute("aria-labelledby") || (control.tagName === "BUTTON" && control.textContent.trim());
    if (!labelled) problems.push(`unlabelled ${control.tagName.toLowerCase()}#${control.id}`);
  }
  return problems;
}"""


def accessibility_problems(page: Page) -> list[str]:
    return page.evaluate(ACCESSIBILITY_PROBLEMS)


def result_rows(page: Page) -> Locator:
    return page.locator("#results table tbody tr")


def test_landing_page_runs_a_typed_query_from_the_keyboard(page: Page, sample_server: LiveServer) -> None:
    page.goto(f"{sample_server.url}/")
    assert page.locator("h1").inner_text() == "conflict-kg"
    page.locator(".CodeMirror").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(COUNTRIES)
    # Tab leaves the editor (no keyboard trap) and reaches the run button.
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "run-query":
            break
    assert page.evaluate("document.activeElement.id") == "run-query"
    page.keyboard.press("Enter")
    rows = result_rows(page)
    rows.first.wait_for(timeout=15_000)
    assert rows.count() == 6
    assert "russia" in page.locator("#results table").inner_text()
    download = page.locator('#current-downloads a[data-format="csv"]').get_attribute("href")
    assert "format=csv" in download and "Country" in download
    assert accessibility_problems(page) == []


def run_in_editor(page: Page, query: str) -> None:
    """Put a query into the editor and run it; wait for the results table."""
    page.evaluate("query => document.querySelector('.CodeMirror').CodeMirror.setValue(query)", query)
    page.locator("#run-query").click()
    result_rows(page).first.wait_for(timeout=15_000)


def first_resource_link(page: Page) -> tuple[str, str]:
    """The href and text of the first resource link in the results table."""
    link = page.locator("#results table tbody a.iri").first
    return link.get_attribute("href"), link.inner_text()


def test_result_cells_link_resources_to_this_server(page: Page, sample_server: LiveServer) -> None:
    page.goto(f"{sample_server.url}/")
    run_in_editor(page, RESOURCES)
    href, text = first_resource_link(page)
    assert text.startswith("res:")
    assert href == f"{sample_server.url}/resource/{text.removeprefix('res:')}"
    assert page.request.get(href).ok
    # Rows drawn later (the next page of the table) link locally too.
    page.locator("#results .paginate_button.next").click()
    next_href, next_text = first_resource_link(page)
    assert next_text != text
    assert next_href == f"{sample_server.url}/resource/{next_text.removeprefix('res:')}"
    assert not page.locator(f'#results a[href^="{RES}"]').count()


def test_example_query_loads_into_the_editor_and_shows_rows(page: Page, sample_server: LiveServer) -> None:
    examples = sorted(entry for entry in QUERIES_DIR.iterdir() if entry.name.endswith(".rq"))
    assert examples, "no example queries installed in queries/*.rq"
    page.goto(f"{sample_server.url}/")
    page.locator("button.load-example").first.click()
    editor_text = page.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert editor_text == examples[0].read_text(encoding="utf-8")
    page.locator("#run-query").click()
    page.locator("#results .yasr_results").wait_for(timeout=15_000)
    assert result_rows(page).count() > 0


def test_agreement_page_highlights_the_evidence_span(page: Page, sample_server: LiveServer) -> None:
    page.goto(f"{sample_server.url}/resource/armistice-2020-11-09")
    assert page.locator("h1").inner_text() == "Armistice of 9 November 2020"
    signatory = page.locator("details.fact", has=page.locator("h3", has_text="signatory: Vladimir Putin"))
    summary_mark = signatory.locator("summary mark")
    assert summary_mark.is_visible()
    assert summary_mark.inner_text().startswith(ARMISTICE_SPAN_START)
    # Opening the fact shows the whole chain: statement, sentence, references and their records.
    signatory.locator("summary").click()
    chain = signatory.locator("section.chain")
    assert chain.locator("blockquote mark").is_visible()
    assert chain.locator("blockquote mark").inner_text().startswith(ARMISTICE_SPAN_START)
    assert chain.get_by_text("Armenia, Azerbaijan and Russia sign Nagorno-Karabakh peace deal", exact=True).is_visible()
    assert chain.get_by_text("confidence 0.9").first.is_visible()
    assert accessibility_problems(page) == []


def test_broken_reference_is_visible_on_the_fact_that_cites_it(page: Page, sample_server: LiveServer) -> None:
    page.goto(f"{sample_server.url}/resource/ceasefire-2020-10-10")
    fact = page.locator("details.fact", has=page.locator("h3", has_text="mediator: Russia"))
    fact.locator("summary").click()
    broken = fact.locator(".broken", has_text="Broken record")
    assert broken.is_visible()
    assert broken.evaluate("element => getComputedStyle(element).color") == "rgb(164, 0, 0)"


def test_resource_page_in_vietnamese(browser: Browser, sample_server: LiveServer) -> None:
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.goto(f"{sample_server.url}/resource/capture-shusha-2020-11-08")
    page.screenshot(path=str(ARTIFACTS / "test_resource_page_in_vietnamese.png"), full_page=True)
    assert page.evaluate("document.documentElement.lang") == "vi"
    assert page.locator("h1").inner_text() == "Chiếm giữ Shusha"
    assert page.locator("h1").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Bằng chứng cho từng dữ kiện").is_visible()
    context.close()


def test_timeline_marks_link_to_event_pages(page: Page, sample_server: LiveServer) -> None:
    page.goto(f"{sample_server.url}/timeline")
    marks = page.locator("svg#timeline-chart a.mark")
    assert marks.count() == 6
    assert page.locator("table.events tbody tr").count() == 6
    assert accessibility_problems(page) == []
    page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)
    page.locator('svg#timeline-chart a.mark[href$="capture-shusha-2020-11-08"] path').click()
    page.wait_for_url("**/resource/capture-shusha-2020-11-08")
    assert page.locator("h1").inner_text() == "Capture of Shusha"
