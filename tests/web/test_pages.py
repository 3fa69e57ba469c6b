"""The pages people expect: accessibility, privacy for families and for young people, cookies."""

from __future__ import annotations

import pytest

from tests.conftest import Respondent


@pytest.mark.parametrize(
    ("url", "heading", "says"),
    [
        ("/accessibility", "Accessibility statement", "OpenMoji"),
        ("/privacy", "Privacy notice", "We do not ask for your name"),
        ("/privacy/young-people", "What happens to what you tell us", "Childline on 0800 1111"),
        ("/cookies", "Cookies", "We do not use cookies to track you"),
    ],
)
def test_each_page_says_what_it_must(
    respondent: Respondent, url: str, heading: str, says: str
) -> None:
    page = respondent.get(url)
    assert page.status == 200
    assert page.h1 == heading
    assert says in page.text()


def test_every_page_links_to_them_from_the_footer(respondent: Respondent) -> None:
    footer = respondent.get("/").soup.select_one("footer")
    links = {a.get_text(strip=True): a["href"] for a in footer.select("a")}
    assert links["Accessibility"] == "/accessibility"
    assert links["Privacy"] == "/privacy"
    assert links["Cookies"] == "/cookies"


def test_the_young_peoples_survey_links_the_child_friendly_notice(respondent: Respondent) -> None:
    young = respondent.get("/surveys/young-people").soup.select_one(
        "main a[href='/privacy/young-people']"
    )
    family = respondent.get("/surveys/family-experience").soup.select_one("main a[href='/privacy']")
    assert young is not None and family is not None
