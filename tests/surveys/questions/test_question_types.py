"""Each question type validates its page, stores only values it allows, yields statements, sums up."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from werkzeug.datastructures import MultiDict

from coprod.surveys.definitions import Card, Option, Question
from coprod.surveys.questions import QUESTION_TYPES, question_type


@pytest.fixture(autouse=True)
def _request(make_app: Callable[..., Flask]) -> Iterator[None]:
    with make_app(WTF_CSRF_ENABLED=False).test_request_context():
        yield


def post(question: Question, **fields: object) -> tuple[bool, object, list[str]]:
    """Validate a posted page without CSRF; return (valid, stored value, first errors)."""
    kind = question_type(question)
    form = kind.build_form(MultiDict(fields), None)
    valid = kind.validate(form)
    errors = [e for errs in form.errors.values() for e in errs]
    return valid, kind.stored_value(form) if valid else None, errors


CHOICE = Question(
    id="where",
    type="single_choice",
    text="Where?",
    focus_areas=("local_offer",),
    options=(Option("web", "Website", score=0.5), Option("none", "Nowhere", score=-1.0)),
)
MULTI = Question(
    id="missing",
    type="multiple_choice",
    text="Missing?",
    focus_areas=("joint_commissioning",),
    prefer_not_to_say=True,
    options=(Option("ot", "OT", score=-0.5), Option("salt", "SALT", score=-0.5)),
)
AGREE = Question(
    id="wait",
    type="agreement",
    text="I waited too long.",
    focus_areas=("identification",),
    reverse=True,
)
FACES = Question(
    id="feel", type="faces", text="How do you feel?", focus_areas=("coproduction",), required=True
)
YESNO = Question(
    id="help", type="yes_no", text="Do you get help?", focus_areas=("joint_commissioning",)
)
TEXT = Question(id="hard", type="free_text", text="What is hard?", max_length=40)
NUMBER = Question(
    id="weeks",
    type="number",
    text="Weeks waited",
    minimum=0,
    maximum=200,
    unit="weeks",
    focus_areas=("ehc_plans",),
)
CARDS = Question(
    id="cards",
    type="card_sort",
    text="Sort",
    required=True,
    cards=(Card("plan", "My plan", ("ehc_plans",)), Card("school", "School", ("identification",))),
)


def test_every_type_in_the_schema_has_a_class() -> None:
    from coprod.surveys.schema import QUESTION_TYPE_NAMES

    assert sorted(QUESTION_TYPES) == sorted(QUESTION_TYPE_NAMES)


@pytest.mark.parametrize(
    ("question", "fields", "valid", "stored", "errors"),
    [
        (CHOICE, {"answer": "web"}, True, "web", []),
        (CHOICE, {}, True, None, []),
        (CHOICE, {"answer": "<script>"}, False, None, ["Select one of the options shown"]),
        (MULTI, {"answer": ["salt", "ot"]}, True, ["ot", "salt"], []),
        (
            MULTI,
            {"answer": ["ot", "prefer_not_to_say"]},
            False,
            None,
            ["Select ‘Prefer not to say’ or the options that apply, not both"],
        ),
        (MULTI, {"answer": ["ot", "x"]}, False, None, ["Select only the options shown"]),
        (AGREE, {"answer": "strongly_agree"}, True, "strongly_agree", []),
        (FACES, {}, False, None, ["Select an answer"]),
        (FACES, {"answer": "very_sad"}, True, "very_sad", []),
        (YESNO, {"answer": "not_sure"}, True, "not_sure", []),
        (TEXT, {"answer": "  Too long a wait.  "}, True, "Too long a wait.", []),
        (TEXT, {"answer": "x" * 41}, False, None, ["Your answer must be 40 characters or fewer"]),
        (TEXT, {"answer": " \t\n"}, True, None, []),
        (NUMBER, {"answer": "1,2"}, True, 12, []),
        (NUMBER, {"answer": "twelve"}, False, None, ["Enter a whole number, like 12"]),
        (NUMBER, {"answer": "٣"}, False, None, ["Enter a whole number, like 12"]),
        (NUMBER, {"answer": "999"}, False, None, ["Enter a number between 0 and 200"]),
        (NUMBER, {"answer": "1e9"}, False, None, ["Enter a whole number, like 12"]),
        (CARDS, {"card-plan": "good"}, True, {"plan": "good"}, []),
        (CARDS, {}, False, None, ["Put at least one card in a pile"]),
        (
            CARDS,
            {"card-plan": "great"},
            False,
            None,
            ["Choose good, not sure or not good for each card"],
        ),
    ],
)
def test_pages_validate_and_store_only_allowed_values(
    question: Question, fields: dict[str, object], valid: bool, stored: object, errors: list[str]
) -> None:
    assert post(question, **fields) == (valid, stored, errors)
    if stored is not None:
        assert question_type(question).allows(stored)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        (CHOICE, "elsewhere"),
        (CHOICE, 3),
        (MULTI, []),
        (MULTI, ["ot", "zzz"]),
        (AGREE, "agree_a_lot"),
        (TEXT, ""),
        (TEXT, "x" * 41),
        (NUMBER, 201),
        (NUMBER, True),
        (NUMBER, "12"),
        (CARDS, {}),
        (CARDS, {"plan": "meh"}),
        (CARDS, {"nope": "good"}),
    ],
)
def test_values_a_question_could_not_produce_are_not_allowed(
    question: Question, value: object
) -> None:
    assert not question_type(question).allows(value)


def test_reverse_agreement_makes_agreeing_negative() -> None:
    [statement] = question_type(AGREE).statements("strongly_agree")
    assert statement.sentiment_score == -1.0
    assert statement.text == "I waited too long. — Strongly agree"
    assert statement.focus_areas == ("identification",)


def test_free_text_yields_a_statement_per_sentence() -> None:
    statements = question_type(TEXT).statements("Too slow. Nobody rang back!")
    assert [s.text for s in statements] == ["Too slow.", "Nobody rang back!"]
    assert all(s.kind == "free_text" and s.sentiment_score is None for s in statements)


def test_card_sort_yields_a_statement_per_card_with_its_own_area() -> None:
    statements = question_type(CARDS).statements({"plan": "not_good", "school": "good"})
    assert [(s.text, s.focus_areas, s.sentiment_score) for s in statements] == [
        ("My plan — Not good", ("ehc_plans",), -1.0),
        ("School — Good", ("identification",), 1.0),
    ]


def test_multiple_choice_prefer_not_to_say_yields_nothing() -> None:
    assert question_type(MULTI).statements(["prefer_not_to_say"]) == []
    assert [s.text for s in question_type(MULTI).statements(["ot", "salt"])] == [
        "Missing? — OT",
        "Missing? — SALT",
    ]


def test_summaries_count_each_option() -> None:
    summary = question_type(CHOICE).summarise(["web", "web", "none"])
    assert summary.answered == 3
    assert [(c.value, c.count) for c in summary.counts] == [("web", 2), ("none", 1)]
    multi = question_type(MULTI).summarise([["ot"], ["ot", "salt"]])
    assert [(c.value, c.count) for c in multi.counts] == [
        ("ot", 2),
        ("salt", 1),
        ("prefer_not_to_say", 0),
    ]
    cards = question_type(CARDS).summarise(
        [{"plan": "good"}, {"plan": "not_good", "school": "good"}]
    )
    assert [(label, [c.count for c in counts]) for label, counts in cards.groups] == [
        ("My plan", [1, 0, 1]),
        ("School", [1, 0, 0]),
    ]
    numbers = question_type(NUMBER).summarise([4, 10, 52])
    assert [(c.value, c.count) for c in numbers.counts] == [
        ("median", 10),
        ("lowest", 4),
        ("highest", 52),
    ]


def test_display_shows_labels_and_units() -> None:
    assert question_type(NUMBER).display(12) == ["12 weeks"]
    assert question_type(MULTI).display(["salt"]) == ["SALT"]
    assert question_type(CARDS).display({"school": "not_sure"}) == ["School: Not sure"]
