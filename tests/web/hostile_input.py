"""Hypothesis strategies for what a careless, confused or hostile browser can post to a form:
any Unicode, control characters, huge strings, markup, number look-alikes, valid and invalid
option values, fields missing, repeated or unknown, and a good, bad or missing form token."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from coprod import create_app


def examples(count: int) -> settings:
    """Settings for a property run through the test client: ``count`` examples, no deadline
    (a page takes what it takes). The app and its browser are built once per test, not once per
    example: the properties hold whatever earlier examples stored, so sharing them is deliberate.
    """
    return settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def build_app(database_url: str, instance_path: Path, **overrides: Any) -> Flask:
    """An app on the test database, as conftest's make_app builds it, for a whole module:
    building one (surveys read, templates compiled) costs more than a dozen examples, and nothing
    in it outlives the tables emptied after each test. Rate limits are off: counting requests is
    not what these suites test."""
    return create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(instance_path),
            "DATABASE_URL": database_url,
            "SESSION_COOKIE_SECURE": False,
            "SECRET_KEY": "a secret for tests only",
            "RATELIMIT_ENABLED": False,
            **overrides,
        }
    )


#: Any character a browser can send in UTF-8 (lone surrogates cannot be encoded at all).
ANY_CHARACTER = st.characters(exclude_categories=["Cs"])

#: Values that have broken forms elsewhere: controls, invisible and bidi characters,
#: markup and injections, number look-alikes, characters that change length when normalised.
AWKWARD = (
    "",
    " ",
    "\x00",
    "\x00\x00",
    "\r\n",
    "\t\x0b\x0c",
    "\x7f",
    "\u200b",
    "\ufeff",
    "\u00a0\u2003",
    "\u202e",
    "<script>alert(1)</script>",
    "<b>bold</b> &amp; &lt;",
    "' OR 1=1 --",
    '"; DROP TABLE answers; --',
    "{{ 7 * 7 }}",
    "%(label)s %s %d",
    "../../etc/passwd",
    "0",
    "-0",
    "-1",
    "--5",
    "+5",
    "5.0",
    "1e9",
    "0x10",
    "1,000",
    ",",
    "-",
    "٣",
    "１２",
    "²",
    "NaN",
    "inf",
    "null",
    "None",
    "true",
    "[]",
    "{}",
    "😊",
    "ß",
    "İ",
    "ﬃ",
    "\u0958" * 3,
    "e\u0301",
    "9" * 30,
    "9" * 5000,
)


def long_text(most: int = 6000) -> st.SearchStrategy[str]:
    """One character repeated up to ``most`` times: lengths around every limit, cheaply."""
    return st.builds(lambda ch, n: ch * n, ANY_CHARACTER, st.integers(0, most))


def around(limit: int) -> st.SearchStrategy[str]:
    """Text just under, at and just over a length limit, some of it padded or invisible."""
    return st.builds(
        lambda ch, n, pad: pad + ch * n + pad,
        st.sampled_from(["x", "é", "😊", "\u0958", "\u200b", " ", "\x00", "ß"]),
        st.integers(max(0, limit - 2), limit + 2),
        st.sampled_from(["", " ", "\n", "\x00"]),
    )


def junk() -> st.SearchStrategy[str]:
    """Any text at all, weighted towards the awkward."""
    return st.one_of(
        st.sampled_from(AWKWARD),
        st.text(ANY_CHARACTER, max_size=40),
        st.integers().map(str),
        long_text(),
    )


def number_like() -> st.SearchStrategy[str]:
    """Whole numbers and things that look like them, in and out of any range."""
    return st.one_of(
        st.integers(-5, 1200).map(str),
        st.integers().map(str),
        st.builds(
            lambda n, pad: f"{pad}{n}{pad}", st.integers(0, 50), st.sampled_from([" ", "\t"])
        ),
        st.sampled_from(["", "-0", "--5", "+5", "5.0", "1e3", "٣", "１２", "1,000", "9" * 12]),
    )


def words() -> st.SearchStrategy[str]:
    """Text a person might really type, in several scripts."""
    return st.one_of(
        st.sampled_from(
            [
                "The bus is late every day.",
                "Nobody rang us back!",
                "لا أحد يستمع إلينا",
                "Mae'r ysgol yn dda",
                "میرا بیٹا خوش ہے",
                "Ça va 😊",
            ]
        ),
        st.text(st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=30).filter(
            str.strip
        ),
    )


#: A field of a form: the values a browser would send for it, and the values to throw at it.
Field = tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]


def field_of(valid: st.SearchStrategy[Any], hostile: st.SearchStrategy[Any] | None = None) -> Field:
    """A field whose right values come from ``valid`` and wrong ones from ``hostile`` (or junk)."""
    return (valid, hostile if hostile is not None else junk())


def choice(values: list[str]) -> Field:
    """A field that takes one of ``values``."""
    return field_of(st.sampled_from(values)) if values else field_of(junk())


#: Names a form never has, and names that look like its own.
EXTRA_NAMES = st.one_of(
    st.sampled_from(
        [
            "answer",
            "submit",
            "save_and_exit",
            "fresh",
            "id",
            "status",
            "facilitator_id",
            "csrf_token",
            "card-unknown",
            "options-99-label",
            "cards-500-good",
            "cards-0-card",
            "__proto__",
        ]
    ),
    st.text(ANY_CHARACTER, min_size=1, max_size=20),
)


def _short(value: str) -> str:
    """A long value as its start and length, so a failing example can be read."""
    return value if len(value) <= 60 else f"{value[:20]}…[{len(value)} characters]"


class Posted:
    """What one example posts, and whether its form token was the real one."""

    def __init__(self, data: MultiDict[str, str], token_ok: bool) -> None:
        self.data = data
        self.token_ok = token_ok

    def __repr__(self) -> str:
        shown = [(k, _short(v)) for k, v in self.data.items(multi=True)]
        return f"Posted({shown!r}, token_ok={self.token_ok})"

    def values(self, name: str) -> list[str]:
        """Every value posted under a name, in order."""
        return self.data.getlist(name)


@st.composite
def posted(
    draw: st.DrawFn,
    fields: Mapping[str, Field],
    token: str | None,
    most_repeats: int = 3,
) -> Posted:
    """A form body. Usually every field is sent once with a right value but one or two, which
    are wrong, missing or repeated; sometimes every field is a gamble. A few unknown fields; the
    form token right, wrong, doubled or missing."""
    names = list(fields)
    chaos = draw(st.sampled_from([False, False, False, True]))
    spoilt = (
        set(draw(st.lists(st.sampled_from(names), min_size=1, max_size=2, unique=True)))
        if names
        else set()
    )
    pairs: list[tuple[str, str]] = []
    for name, (valid, hostile) in fields.items():
        wrong = draw(st.booleans()) if chaos else name in spoilt
        times = draw(st.sampled_from([1, 1, 0, 2])) if wrong or chaos else 1
        if times == 2:
            times = draw(st.integers(2, max(2, most_repeats)))
        for _ in range(times):
            value = draw(hostile if wrong and draw(st.integers(0, 3)) else valid)
            # A strategy may give several values at once, as a date's three boxes or checkboxes do.
            pairs += [(name, v) for v in value] if isinstance(value, list) else [(name, value)]
    pairs += draw(st.lists(st.tuples(EXTRA_NAMES, junk()), max_size=2))
    if token is not None:
        how = draw(st.sampled_from(["right"] * 6 + ["missing", "wrong", "doubled"]))
        pairs = [(n, v) for n, v in pairs if n != "csrf_token"]
        if how == "right":
            pairs.append(("csrf_token", token))
        elif how == "doubled":
            pairs += [("csrf_token", token), ("csrf_token", draw(junk()))]
        elif how == "wrong":
            pairs.append(("csrf_token", draw(junk())))
    order = draw(st.permutations(range(len(pairs))))
    data = MultiDict([pairs[i] for i in order])
    # Flask-WTF reads the first token sent, so a doubled one counts only if the right one leads.
    return Posted(data, token is not None and data.get("csrf_token") == token)
