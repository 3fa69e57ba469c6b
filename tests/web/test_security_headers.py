"""Every response of every blueprint carries the security headers with their exact values, and
pages that may show someone's answers are never kept in a browser's cache."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from flask import Flask
from werkzeug.routing import Rule

from coprod.config import PROJECT_ROOT
from tests.staff import signed_in

PRINTABLE_CSS = (PROJECT_ROOT / "templates" / "evidence" / "printable.css").read_bytes()
PRINTABLE_HASH = base64.b64encode(hashlib.sha256(PRINTABLE_CSS).digest()).decode()

EXPECTED = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; "
        f"style-src 'self' 'sha256-{PRINTABLE_HASH}'; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    ),
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": (
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
        "magnetometer=(), microphone=(), payment=(), usb=()"
    ),
    "Cross-Origin-Opener-Policy": "same-origin",
}
#: A value for each kind of address part, so that every GET route can be asked for.
SAMPLE = {"int": "1", "string": "x", "path": "x", "default": "x"}


def _address(rule: Rule) -> str:
    """The rule's address with a sample value in each part (the page may then be a 404)."""

    def sample(found: re.Match[str]) -> str:
        converter = found.group(1) or "default"
        return SAMPLE.get(converter, "x")

    return re.sub(r"<(?:(\w+)(?:\([^)]*\))?:)?\w+>", sample, rule.rule)


def _get_rules(app: Flask) -> list[Rule]:
    return [
        rule
        for rule in app.url_map.iter_rules()
        if "GET" in (rule.methods or set()) and rule.endpoint != "static"
    ]


def test_every_get_route_of_every_blueprint_sends_the_exact_headers(app: Flask) -> None:
    staff = signed_in(app, role="admin")
    seen: set[str] = set()
    for rule in _get_rules(app):
        response = staff.client.get(_address(rule))
        for name, value in EXPECTED.items():
            assert response.headers.get(name) == value, f"{rule.rule} ({response.status_code})"
        seen.add(rule.endpoint.split(".")[0])
    assert set(app.blueprints) <= seen


@pytest.mark.parametrize(
    "address",
    ["/surveys/family-experience", "/sign-in", "/you-said-we-did", "/no-such-page"],
)
def test_pages_for_anyone_carry_the_headers_and_are_never_cached(app: Flask, address: str) -> None:
    response = app.test_client().get(address)
    assert {name: response.headers.get(name) for name in EXPECTED} == EXPECTED
    assert response.headers["Cache-Control"] == "no-store"


def test_staff_pages_showing_answers_are_never_cached(app: Flask) -> None:
    staff = signed_in(app, role="analyst")
    for address in ("/staff/review/", "/staff/evidence/", "/staff/evidence/print"):
        response = staff.client.get(address)
        assert response.status_code == 200, address
        assert response.headers["Cache-Control"] == "no-store", address


def test_the_printable_page_holds_exactly_the_style_its_hash_allows(app: Flask) -> None:
    staff = signed_in(app, role="analyst")
    page = staff.client.get("/staff/evidence/print").get_data(as_text=True)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert styles == [PRINTABLE_CSS.decode()]
    assert "<script" not in page


def test_static_files_carry_the_headers_too(app: Flask) -> None:
    response = app.test_client().get("/static/build/app.css")
    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == EXPECTED["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
