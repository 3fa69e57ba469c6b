"""Listen reads the question aloud where the browser has a voice for the page's language, and is
hidden where it has none; the page never depends on it."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.browser.conftest import phone_context

FAKE_VOICES = """
(() => {
  window.__spoken = [];
  const voices = [{lang: "ur-PK", name: "Urdu"}, {lang: "en-GB", name: "English"}];
  const synth = window.speechSynthesis;
  synth.getVoices = () => voices;
  synth.speak = (utterance) => window.__spoken.push([utterance.lang, utterance.text]);
  synth.cancel = () => {};
})();
"""


def test_listen_reads_the_question_in_the_page_language(browser: Browser, base_url: str) -> None:
    context = phone_context(browser, javascript=True)
    context.add_init_script(FAKE_VOICES)
    page = context.new_page()
    try:
        page.goto(f"{base_url}/surveys/young-people?lang=ur")
        page.locator("button.govuk-button--start").click()
        page.goto(f"{base_url}/surveys/young-people/questions/feel_at_school")
        button = page.locator("[data-listen]")
        button.wait_for(state="visible")
        button.click()
        spoken = page.evaluate("window.__spoken")
        heading = page.locator("legend").inner_text().strip()
    finally:
        context.close()
    assert len(spoken) == 1
    language, text = spoken[0]
    assert language == "ur" and heading in text


def test_listen_is_hidden_where_there_is_no_voice(browser: Browser, base_url: str) -> None:
    context = phone_context(browser, javascript=True)
    context.add_init_script("window.speechSynthesis.getVoices = () => [];")
    page = context.new_page()
    try:
        page.goto(f"{base_url}/surveys/young-people?lang=pa")
        page.locator("button.govuk-button--start").click()
        page.goto(f"{base_url}/surveys/young-people/questions/feel_at_school")
        page.wait_for_load_state("load")
        assert not page.locator("[data-listen]").is_visible()
    finally:
        context.close()
