"""The load test's simulated users (bench/respondent_load.py): people answering a survey as a
browser without JavaScript would, and the same people posting to the bare baseline endpoint. Each
request is timed by step and redirects are followed by hand. Pages are read with lxml (0.1 ms a
question page, where BeautifulSoup takes 3 ms), so that the users, in one process on the server's
cores, take little of them; each load reports the CPU seconds they took."""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlparse

import lxml.html  # already installed: python-docx depends on it
import requests

from tests.naive_client import TEXT_INPUTS, Submission

SLUGS = ("family-experience", "young-people")
REQUEST_TIMEOUT = 60.0
MAX_PAGES = 60
#: Pieces of free text, combined differently each time so that no cache answers for the analysis.
SENTENCES = (
    "We waited {n} months for the assessment and heard nothing in between.",
    "The new teacher understood my son straight away.",
    "Nobody told us about the short breaks until year {n}.",
    "The speech therapist was brilliant but only came {n} times.",
    "Her annual review was late again and the plan still says she is in year {n}.",
    "The local offer website was hard to find anything on.",
    "We finally feel listened to at the parent forum.",
    "Moving to secondary school went better than we feared.",
)
CODE = re.compile(r"^[A-Z0-9]{4}(-[A-Z0-9]{4})+$")


class JourneyFailed(Exception):
    """A request failed, answered outside 2xx/3xx, or a page was not what a person expects."""


@dataclass
class UserLog:
    """What one simulated user did: timings by step, errors, and the references it was shown."""

    timings: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    #: The answers of the user's last sent journey, posted to the baseline as its form.
    answers: list[tuple[str, str]] = field(default_factory=list)
    #: Requests that got no answer at all (refused, reset, timed out).
    unanswered: int = 0


#: Steps of a journey by the end of their path: (name of the GET, name of the POST).
STEPS = {
    "/start": (None, "start now (POST)"),
    "/before-you-start": ("before you start", None),
    "/grown-up": ("grown-up page", "grown-up (POST)"),
    "/check-answers": ("check answers", None),
    "/send": (None, "send (POST)"),
    "/sent": ("confirmation", None),
}
#: Choices a simulated person always makes where a random one would end the visit: a child under
#: 13 is helped by a grown-up from their group ("alone" waits for a grown-up to come).
CHOICES = {"who": "helper"}
#: A link styled as a button that a person presses to go on (not "Exit this page").
LINK_BUTTON = (
    "//main//a[contains(concat(' ', @class, ' '), ' govuk-button ')]"
    "[not(contains(@class, 'exit-this-page'))]"
)


def _step(method: str, url: str) -> str:
    """The step of the journey a request belongs to, named as a person would."""
    path = urlparse(url).path
    if "/questions/" in path:
        return "answer (POST)" if method == "POST" else "question page"
    if re.fullmatch(r"/surveys/[^/]+", path) and method == "GET":
        return "start page"
    names = next((names for end, names in STEPS.items() if path.endswith(end)), (None, None))
    return names[method == "POST"] or f"other {method}"


def _request(
    session: requests.Session, method: str, url: str, data: Any, log: UserLog, step: str = ""
) -> requests.Response:
    """One request, redirects not followed, timed until its body has arrived."""
    step = step or _step(method, url)
    started = time.perf_counter()
    try:
        response = session.request(
            method, url, data=data, allow_redirects=False, timeout=REQUEST_TIMEOUT
        )
    except requests.RequestException as error:
        log.unanswered += 1
        raise JourneyFailed(f"{step}: {method} {url}: {type(error).__name__}: {error}") from error
    log.timings.setdefault(step, []).append((time.perf_counter() - started) * 1000)
    if not 200 <= response.status_code < 400:
        body = " ".join(response.text.split())[:300]
        raise JourneyFailed(f"{step}: {method} {url} answered {response.status_code}: {body}")
    return response


def _get(session: requests.Session, url: str, log: UserLog) -> requests.Response:
    """GET a page as a browser does, following redirects, each hop timed as its own step."""
    for _hop in range(10):
        response = _request(session, "GET", url, None, log)
        location = response.headers.get("Location")
        if not response.is_redirect or not location:
            return response
        url = urljoin(url, location)
    raise JourneyFailed(f"more than 10 redirects from {url}")


def _free_text(rng: random.Random) -> str:
    chosen = rng.sample(SENTENCES, rng.randint(1, 3))
    return " ".join(s.format(n=rng.randint(2, 11)) for s in chosen)


def _fill(form: Any, page_url: str, rng: random.Random) -> Submission:
    """Fill what the form shows as a careful person would; press its first submit button."""
    data: list[tuple[str, str]] = []
    radios: dict[str, list[str]] = {}
    checkboxes: dict[str, list[str]] = {}
    for element in form.iter("input", "textarea"):
        name = element.get("name")
        if not name:
            continue
        kind = "textarea" if element.tag == "textarea" else element.get("type", "text").lower()
        if kind == "hidden":
            data.append((name, element.get("value", "")))
        elif kind in ("radio", "checkbox"):
            (radios if kind == "radio" else checkboxes).setdefault(name, []).append(
                element.get("value", "on")
            )
        elif kind == "textarea" or kind in TEXT_INPUTS:
            data.append((name, _free_text(rng)))
    data.extend(
        (name, CHOICES[name] if CHOICES.get(name) in shown else rng.choice(shown))
        for name, shown in (radios | checkboxes).items()
    )
    for element in form.iter("button", "input"):
        default = "submit" if element.tag == "button" else "text"
        if element.get("type", default).lower() == "submit":
            if element.get("name"):
                data.append((element.get("name"), element.get("value", "")))
            break
    action = form.get("action")
    return Submission(urljoin(page_url, action) if action else page_url, data)


def _journey(
    session: requests.Session,
    base_url: str,
    slug: str,
    rng: random.Random,
    log: UserLog,
    deadline: float,
) -> str | None:
    """Start page to confirmation; the reference shown, or None if the time ran out first."""
    page = _get(session, f"{base_url}/surveys/{slug}", log)
    answers: list[tuple[str, str]] = []
    for _page in range(MAX_PAGES):
        tree = lxml.html.fromstring(page.content)
        forms = tree.xpath("//main//form")
        if not forms:
            # A page that only explains has a link to go on, styled as a button.
            links = tree.xpath(LINK_BUTTON)
            if not links:
                raise JourneyFailed(f"{page.url} ({page.status_code}): no form or button in <main>")
            page = _get(session, urljoin(page.url, links[0].get("href")), log)
            continue
        submission = _fill(forms[0], page.url, rng)
        if time.monotonic() >= deadline:
            return None
        posted = _request(session, "POST", submission.url, submission.data, log)
        location = posted.headers.get("Location")
        if posted.status_code not in (302, 303) or not location:
            raise JourneyFailed(f"POST {submission.url} answered {posted.status_code}, no redirect")
        page = _get(session, urljoin(submission.url, location), log)
        if "/questions/" in submission.url:
            answers.extend((k, v) for k, v in submission.data if k != "csrf_token")
        if urlparse(submission.url).path.endswith("/send"):
            shown = lxml.html.fromstring(page.content).xpath("//*[@data-reference]")
            reference = shown[0].text_content().strip() if shown else ""
            if not CODE.match(reference):
                raise JourneyFailed(f"the page after sending ({page.url}) shows no reference code")
            log.answers = answers
            return reference
    raise JourneyFailed(f"no send button after {MAX_PAGES} pages")


def coprod_user(
    base_url: str, number: int, deadline: float, journeys: int = 10**6, slug: str = ""
) -> UserLog:
    """A person answering again and again until the deadline; a fresh browser after an error.
    Users take the shipped surveys in turn unless given one."""
    log = UserLog()
    rng = random.Random(number)
    slug = slug or SLUGS[number % len(SLUGS)]
    session = requests.Session()
    try:
        while time.monotonic() < deadline and len(log.references) + len(log.errors) < journeys:
            try:
                reference = _journey(session, base_url, slug, rng, log, deadline)
            except JourneyFailed as error:
                log.errors.append(str(error))
                session.close()
                session = requests.Session()
                continue
            if reference is not None:
                log.references.append(reference)
    finally:
        session.close()
    return log


def baseline_user(base_url: str, body: list[tuple[str, str]], deadline: float) -> UserLog:
    """The same user against the bare endpoint: post a filled survey, read the reference back."""
    log = UserLog()
    with requests.Session() as session:
        while time.monotonic() < deadline:
            try:
                posted = _request(session, "POST", f"{base_url}/send", body, log, "insert (POST)")
                location = posted.headers.get("Location", "")
                if posted.status_code != 302 or not location.startswith("/sent/"):
                    raise JourneyFailed(f"POST /send answered {posted.status_code} {location!r}")
                log.references.append(location.removeprefix("/sent/"))
            except JourneyFailed as error:
                log.errors.append(str(error))
    return log


@dataclass(frozen=True)
class Load:
    """The users' logs after a load, its wall time, and the CPU time the users took themselves
    (on the same cores as the server, so it says how much of the machine the client took)."""

    logs: list[UserLog]
    wall_seconds: float
    client_cpu_seconds: float


def all_at_once(user: Callable[[int, float], UserLog], users: int, seconds: float) -> Load:
    """Run ``users`` users at once, each given the deadline ``seconds`` from the start."""
    cpu = time.process_time()
    with ThreadPoolExecutor(max_workers=users) as pool:
        started = time.monotonic()
        logs = list(pool.map(lambda number: user(number, started + seconds), range(users)))
    return Load(logs, time.monotonic() - started, time.process_time() - cpu)
