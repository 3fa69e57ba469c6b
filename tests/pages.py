"""Read pages as a person would: title, heading, errors, language, and the main form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup, Tag
from werkzeug.test import TestResponse


@dataclass
class Page:
    """A fetched page, parsed, with the checks every page must pass already made."""

    response: TestResponse
    soup: BeautifulSoup

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def title(self) -> str:
        assert self.soup.title is not None
        return " ".join(self.soup.title.get_text().split())

    @property
    def h1(self) -> str:
        heading = self.soup.find("h1")
        assert heading is not None, "the page has no h1"
        return " ".join(heading.get_text().split())

    @property
    def lang(self) -> str:
        html = self.soup.find("html")
        assert isinstance(html, Tag)
        return str(html.get("lang"))

    @property
    def errors(self) -> list[str]:
        """The texts in the GOV.UK error summary, in order."""
        summary = self.soup.select(".govuk-error-summary__list li")
        return [" ".join(item.get_text().split()) for item in summary]

    def text(self) -> str:
        """Everything a person reads in the main part of the page."""
        main = self.soup.find("main")
        assert main is not None
        return " ".join(main.get_text(" ").split())

    def main_form(self) -> Tag:
        """The first form in <main>."""
        form = self.soup.select_one("main form")
        assert form is not None, "the page has no form"
        return form

    def form_fields(self, form: Tag | None = None) -> dict[str, Any]:
        """The form's current values by name, as a browser would send them (hidden included)."""
        form = form or self.main_form()
        data: dict[str, Any] = {}
        for field in form.select("input, textarea"):
            name = field.get("name")
            kind = field.get("type", "text")
            if not name or kind == "submit":
                continue
            if field.name == "textarea":
                data[name] = field.get_text()
            elif kind in ("radio", "checkbox"):
                if field.has_attr("checked"):
                    data.setdefault(name, []).append(field["value"])
            elif name in data:  # a day, month and year share one name: all three are sent
                earlier = data[name] if isinstance(data[name], list) else [data[name]]
                data[name] = [*earlier, field.get("value", "")]
            else:
                data[name] = field.get("value", "")
        for select in form.select("select"):
            chosen = select.select_one("option[selected]") or select.select_one("option")
            if select.get("name") and chosen is not None:
                data[str(select["name"])] = chosen.get("value", "")
        return data

    def options(self, name: str) -> list[str]:
        """The values of the radios or checkboxes named ``name``."""
        return [str(i["value"]) for i in self.soup.select(f"main input[name='{name}']")]


def parse(response: TestResponse) -> Page:
    """Parse a response and check what every HTML page must have."""
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    page = Page(response, soup)
    assert page.lang, "the page has no lang"
    title = page.title
    assert title, "the page has no title"
    if page.errors:
        assert title.startswith("Error:"), f"a page with errors must say so in its title: {title}"
    return page
