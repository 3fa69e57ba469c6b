"""Statements are tagged with focus areas, each with a confidence and the words behind it, and
the tagger learns from corrections."""

from __future__ import annotations

import pytest

from coprod.analysis import Analyser
from coprod.analysis.framework import Example, framework_from_data, shipped_framework
from coprod.analysis.learned import LearnedModel, train
from coprod.analysis.tagger import Tagger


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("The EHCP arrived months after the deadline", "ehc_plans"),
        ("Nobody came to his annual review", "ehc_plans"),
        ("We have been on the CAMHS waiting list for a year", "identification"),
        ("He is moving up to big school in September and nobody has a plan", "transitions"),
        ("College has been great for her confidence", "transitions"),
        ("Nobody tells you what is out there", "local_offer"),
        ("We were never asked what we thought", "coproduction"),
        ("Health and social care do not talk to each other", "joint_commissioning"),
        ("The graduated approach is not applied consistently", "identification"),
        ("Preparing for adulthood starts too late", "transitions"),
        ("Commissioning arrangements do not reflect need", "joint_commissioning"),
    ],
)
def test_statements_are_tagged_to_the_area_they_speak_to(text: str, area: str) -> None:
    tags = Tagger(shipped_framework()).tag(text)
    assert area in [t.area for t in tags]


def test_each_tag_says_which_words_led_to_it() -> None:
    tag = Tagger(shipped_framework()).tag("The annual review was late")[0]
    assert tag.area == "ehc_plans"
    assert "annual review" in tag.terms
    assert 0 < tag.confidence <= 1


def test_a_statement_about_nothing_in_the_framework_gets_no_tag() -> None:
    assert Tagger(shipped_framework()).tag("Thank you for the biscuits") == []


def test_any_framework_works_not_just_six_areas() -> None:
    wirral = shipped_framework("wirral")
    assert len(wirral.areas) == 4
    tags = Tagger(wirral).tag("Nobody from the council talks to parents or asks our views")
    assert tags and tags[0].area in wirral.slugs


def test_terms_from_a_framework_file_match_phrases_prefixes_and_plurals() -> None:
    framework = framework_from_data(
        {
            "slug": "mini",
            "focus_areas": [
                {"slug": "waits", "terms": [{"term": "assess*", "weight": 3}]},
                {"slug": "plans", "terms": [{"term": "care plan", "weight": 3}]},
            ],
        }
    )
    tagger = Tagger(framework)
    assert [t.area for t in tagger.tag("they assessed him at last")] == ["waits"]
    assert [t.area for t in tagger.tag("both care plans were wrong")] == ["plans"]
    assert tagger.tag("plans for the care home") == []


def test_corrections_teach_the_tagger_an_area_its_terms_do_not_know() -> None:
    framework = shipped_framework()
    # "The Beehive" is a made-up local name: nothing shipped says it is about information.
    text = "The Beehive drop-in on Thursdays is the best thing in our week"
    before = Tagger(framework, train(framework.examples, framework.slugs))
    assert "local_offer" not in [t.area for t in before.tag(text)]
    corrections = [
        Example(
            "The Beehive drop-in told us about the holiday clubs",
            frozenset({"local_offer"}),
            3.0,
        ),
        Example(
            "I only found out about short breaks at the Beehive drop-in",
            frozenset({"local_offer"}),
            3.0,
        ),
        Example(
            "The Thursday drop-in at the Beehive is the best place to ask what exists",
            frozenset({"local_offer"}),
            3.0,
        ),
    ]
    learned = train([*framework.examples, *corrections], framework.slugs)
    after = Tagger(framework, learned)
    tag = next(t for t in after.tag(text) if t.area == "local_offer")
    assert "drop in" in tag.terms or "the beehive" in tag.terms


def test_a_learned_model_survives_being_stored_as_json() -> None:
    framework = shipped_framework()
    model = train(framework.examples, framework.slugs)
    again = LearnedModel.from_data(model.to_data())
    text = "The panel refused to assess him"
    # Every area's confidence and reasons, not only those tagged, come out the same.
    stored, fitted = Tagger(framework, again, threshold=0), Tagger(framework, model, threshold=0)
    assert len(fitted.tag(text)) == len(framework.slugs)
    assert stored.tag(text) == fitted.tag(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "😀😀😀",
        "<b>bold</b> <script>alert(1)</script>",
        "a\x00b\x1bc",
        "x" * 20_000,
    ],
)
def test_awkward_text_gets_a_result_or_a_clear_error(text: str) -> None:
    analyser = Analyser(shipped_framework())
    try:
        result = analyser.analyse(text)
    except ValueError as error:
        assert "no text to analyse" in str(error)
    else:
        assert "<script>" not in result.redacted
        assert "\x00" not in result.redacted
        assert result.sentiment.label in {"positive", "negative", "neutral", "mixed"}
