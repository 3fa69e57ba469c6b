"""A respondent that runs no JavaScript and knows no field names: it fills whatever a form shows."""

from __future__ import annotations

import random
import re
import time
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urljoin, urlparse

import requests
from bs4 import BeautifulSoup, Tag

#: What people paste, type by accident or send on purpose into free-text boxes.
HOSTILE_TEXT: tuple[str, ...] = (
    "'; DROP TABLE responses; --",
    "1' OR '1'='1' /* \" OR \"\"=\" */",
    "Robert'); DELETE FROM drafts WHERE ('1'='1",
    '<script>alert("coprod-xss")</script>',
    '"><img src=x onerror=alert("coprod-xss")>',
    "</textarea><svg onload=alert('coprod-xss')>",
    "{{ 7 * 7 }} {% for x in range(9) %}{{ x }}{% endfor %} ${7*7} #{7*7}",
    "javascript:alert(document.cookie)",
    "میرے بچے کو اسکول میں کوئی مدد نہیں ملی۔ ہم نے دو سال انتظار کیا۔ اساتذہ اچھے تھے۔",
    "لم يحصل طفلي على أي دعم في المدرسة. انتظرنا سنتين للتقييم! شكراً للمعلمين.",
    "Mixed \u202eright-to-left override\u202c and \u200fمرحبا\u200f in one line.",
    # A family (joined by zero-width joiners), a health worker with a skin tone, a flag, a person
    # in a wheelchair: each one character to a person and several to a computer.
    "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466 \U0001f469\U0001f3fd\u200d\u2695\ufe0f "
    "\U0001f3f3\ufe0f\u200d\U0001f308 \U0001f9d1\u200d\U0001f9bd \U0001f622\U0001f622 the wait was far "
    "too long \U0001f44e\U0001f3fe",
    "word " * 4000,
    "before\x00after\x00\x00 and a NUL at the end\x00",
    "bell\x07 backspace\x08 escape\x1b[31mred\x1b[0m delete\x7f vertical\x0b feed\x0c",
    "line one\r\nline two\rline three\n\n\n",
    "   \t\n   ",
    "\u200b\u00a0\u2003\ufeff",
    "%00%0d%0aSet-Cookie: session=stolen",
    "The school was brilliant once the plan was in place, but we waited a year for it.",
    "Nobody listened to us. My son hits himself when he is left alone at school.",
)
#: What a careful person writes after being told what was wrong.
SAFE_TEXT = "The help got better once the plan was written, but the wait was long."
#: Choices no page offers, sent in place of a shown option.
TAMPERED_CHOICES: tuple[str, ...] = (
    "not-an-option",
    "' OR 1=1 --",
    '<script>alert("coprod-xss")</script>',
    "x" * 5000,
)
#: Input types a person types into.
TEXT_INPUTS = frozenset({"text", "search", "email", "tel", "url", "number"})
XSS_MARKER = "coprod-xss"

REQUEST_TIMEOUT = 30.0
MAX_PAGES = 60
MAX_TRIES = 3
CLIENT_DEADLINE = 180.0


class Stuck(Exception):
    """The respondent could not go on: no form, too many pages, too many errors, or no time left."""


@dataclass(frozen=True)
class Submission:
    """A filled form, ready to send: where it goes and the fields it carries, in order."""

    url: str
    data: list[tuple[str, str]]


@dataclass(frozen=True)
class RespondentResult:
    """How one respondent's visit ended."""

    slug: str | None
    #: The code as the page shows it (``HGX9-MQ2Y``), or None if none was reached.
    reference: str | None
    #: Every HTTP status seen, redirects included, in order.
    statuses: tuple[int, ...]
    #: Why the visit stopped without a reference.
    stopped: str | None
    #: Pages on which injected markup came back as live HTML.
    unescaped: tuple[str, ...]


@dataclass(frozen=True)
class _Visit:
    """A fetched page: where it ended up, its status and its parsed HTML."""

    url: str
    status: int
    soup: BeautifulSoup

    @property
    def form(self) -> Tag | None:
        """The first form in <main>, which holds the page's main button."""
        return self.soup.select_one("main form")


class NaiveRespondent:
    """Answers a survey as a person without JavaScript would, with hostile or careful input."""

    def __init__(
        self, base_url: str, seed: int, slug: str | None = None, hostile: bool = True
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.slug = slug
        self.hostile = hostile
        self.rng = random.Random(seed)
        self.session = requests.Session()
        self.session.max_redirects = 10
        self.statuses: list[int] = []
        self.unescaped: list[str] = []
        self.deadline = time.monotonic() + CLIENT_DEADLINE

    def __enter__(self) -> NaiveRespondent:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _error: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP session and its connections."""
        self.session.close()

    def run(self) -> RespondentResult:
        """Answer a survey from the home page to its reference code."""
        reference: str | None = None
        stopped: str | None = None
        try:
            reference = self.send(self.answer_all())
            if reference is None:
                stopped = "the page after sending shows no reference code"
        except (Stuck, requests.RequestException) as error:
            stopped = f"{type(error).__name__}: {error}"
        return RespondentResult(
            self.slug, reference, tuple(self.statuses), stopped, tuple(self.unescaped)
        )

    def answer_all(self) -> Submission:
        """Open a survey from the home page and answer every page; return the filled send form."""
        visit = self._get(self._survey_link(self._get(f"{self.base_url}/")))
        for _page in range(MAX_PAGES):
            start = visit.soup.select_one("main a.govuk-button--start")
            if visit.form is None and start is not None:  # a screen to read, then a start link
                visit = self._get(urljoin(visit.url, str(start["href"])))
                continue
            if visit.form is None:
                raise Stuck(f"{visit.url} ({visit.status}) has no form in <main>")
            submission = self._fill(visit, careful=not self.hostile)
            if urlparse(submission.url).path.endswith("/send"):
                return submission
            visit = self._submit_until_accepted(visit, submission)
        raise Stuck(f"no send button after {MAX_PAGES} pages")

    def send(self, submission: Submission) -> str | None:
        """Press the send button and read the reference code on the page it leads to."""
        return _reference(self._post(submission))

    def reference_at(self, url: str) -> str | None:
        """Open a page (the confirmation, say) and read the reference code on it."""
        return _reference(self._get(url))

    def _survey_link(self, home: _Visit) -> str:
        links = [str(a["href"]) for a in home.soup.select("main a[href^='/surveys/']")]
        if self.slug is not None:
            links = [link for link in links if link == f"/surveys/{self.slug}"]
        if not links:
            raise Stuck(f"the home page links to no survey {self.slug or ''}".rstrip())
        chosen = self.rng.choice(links)
        self.slug = chosen.rsplit("/", 1)[1]
        return urljoin(home.url, chosen)

    def _submit_until_accepted(self, visit: _Visit, submission: Submission) -> _Visit:
        """Submit; on an error page, answer again carefully, a bounded number of times."""
        for _try in range(MAX_TRIES):
            answered = self._post(submission)
            if answered.status < 400:
                return answered
            if answered.status >= 500:
                raise Stuck(f"{submission.url} answered {answered.status}")
            # The error page shows the form again; a page without one (413) means the first.
            submission = self._fill(answered if answered.form else visit, careful=True)
        raise Stuck(f"{submission.url} still refused after {MAX_TRIES} tries")

    def _fill(self, visit: _Visit, careful: bool) -> Submission:
        """Fill every field the main form shows and press its first submit button."""
        form = visit.form
        assert form is not None
        data: list[tuple[str, str]] = []
        radios: dict[str, list[str]] = {}
        checkboxes: dict[str, list[str]] = {}
        for element in form.select("input, textarea"):
            name = element.get("name")
            if not isinstance(name, str):
                continue
            kind = "textarea" if element.name == "textarea" else str(element.get("type", "text"))
            kind = kind.lower()
            value = str(element.get("value", ""))
            if kind == "hidden":
                data.append((name, value))
            elif kind == "radio":
                radios.setdefault(name, []).append(value)
            elif kind == "checkbox":
                checkboxes.setdefault(name, []).append(value)
            elif kind == "textarea" or kind in TEXT_INPUTS:
                data.append((name, SAFE_TEXT if careful else self.rng.choice(HOSTILE_TEXT)))
        for name, shown in radios.items():
            data.append((name, self._choice(shown, careful)))
        for name, shown in checkboxes.items():
            data.extend((name, value) for value in self._ticks(shown, careful))
        button = _first_submit_button(form)
        if button is not None and isinstance(button.get("name"), str):
            data.append((str(button["name"]), str(button.get("value", ""))))
        action = form.get("action")
        return Submission(urljoin(visit.url, str(action) if action else visit.url), data)

    def _choice(self, shown: list[str], careful: bool) -> str:
        if not careful and self.rng.random() < 0.15:
            return self._tampered(shown)
        return self.rng.choice(shown)

    def _ticks(self, shown: list[str], careful: bool) -> list[str]:
        if careful:
            return [self.rng.choice(shown)]
        ticked = self.rng.sample(shown, self.rng.randint(0, len(shown)))
        if self.rng.random() < 0.1:
            ticked.append(self._tampered(shown))
        return ticked

    def _tampered(self, shown: list[str]) -> str:
        return self.rng.choice([c for c in TAMPERED_CHOICES if c not in shown])

    def _get(self, url: str) -> _Visit:
        return self._request("GET", url, None)

    def _post(self, submission: Submission) -> _Visit:
        return self._request("POST", submission.url, submission.data)

    def _request(self, method: str, url: str, data: list[tuple[str, str]] | None) -> _Visit:
        if time.monotonic() > self.deadline:
            raise Stuck(f"out of time ({CLIENT_DEADLINE:.0f} s) before {method} {url}")
        with self.session.request(method, url, data=data, timeout=REQUEST_TIMEOUT) as response:
            self.statuses.extend(r.status_code for r in response.history)
            self.statuses.append(response.status_code)
            visit = _Visit(response.url, response.status_code, _parse(response.text))
        if _live_injection(visit.soup):
            self.unescaped.append(f"{method} {url} -> {visit.url}")
        return visit


def _parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _first_submit_button(form: Tag) -> Tag | None:
    """The button Enter would press: the first <button> or <input> that submits."""
    for element in form.select("button, input"):
        kind = str(element.get("type", "submit" if element.name == "button" else "text"))
        if kind.lower() == "submit":
            return element
    return None


def _live_injection(soup: BeautifulSoup) -> bool:
    """Whether injected script came back as markup rather than as text."""
    if soup.find("script", string=re.compile(XSS_MARKER)):
        return True
    return any(
        XSS_MARKER in str(value)
        for element in soup.find_all(True)
        for attribute, value in element.attrs.items()
        if attribute.lower().startswith("on")
    )


def _reference(visit: _Visit) -> str | None:
    shown = visit.soup.select_one("[data-reference]")
    return shown.get_text(strip=True) if shown is not None else None
