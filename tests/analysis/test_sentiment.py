"""Statements are scored for how they lean, with the field's phrases, negation and contrast."""

from __future__ import annotations

import pytest
import yaml

from coprod.analysis.sentiment import LEXICON_FILE, score, shipped_model


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("We had to fight for every hour of support", "negative"),
        ("It has been a battle from start to finish", "negative"),
        ("We waited two years for an assessment", "negative"),
        ("The plan took far too long", "negative"),
        ("There is a lack of speech therapy", "negative"),
        ("The short breaks are a lifeline", "positive"),
        ("They finally listened to us", "positive"),
        ("The new caseworker made a real difference", "positive"),
        # negation
        ("Nobody listened to us", "negative"),
        ("The school was not helpful at all", "negative"),
        ("Waiting times are no longer a problem", "positive"),
        ("She has never been happier", "positive"),
        # things that were bad getting smaller
        ("Waiting times have reduced since the new team started", "positive"),
        # contrast: what comes after "but" counts more
        ("The teachers are lovely but nobody has read his plan", "negative"),
        ("It took ages but the plan is brilliant now", "positive"),
        ("Although the panel was late, the plan itself is excellent", "positive"),
        # being kept in the dark, a child not coping, help that works
        ("We were kept in the dark and heard nothing for months", "negative"),
        ("He is burnt out and has stopped attending", "negative"),
        ("The caseworker is approachable and kept us informed", "positive"),
        ("She has come on leaps and bounds since September", "positive"),
        # formal findings
        ("Co-production is not yet embedded in strategic decisions", "negative"),
        ("Timeliness of assessments has improved markedly", "positive"),
    ],
)
def test_statements_lean_the_way_people_would_read_them(text: str, label: str) -> None:
    assert score(text, shipped_model()).label == label


def test_strong_good_and_bad_together_are_mixed_by_the_rules() -> None:
    result = score("The school is brilliant. The council is appalling.")
    assert result.label == "mixed"


def test_intensifiers_make_a_phrase_stronger() -> None:
    plain = score("The forum was helpful").score
    stronger = score("The forum was really helpful").score
    assert plain is not None and stronger is not None
    assert stronger > plain > 0


@pytest.mark.parametrize(
    "text",
    [
        "Mój syn czeka na ocenę od dwóch lat i nikt nam nie pomaga.",
        "میرے بیٹے کو دو سال سے مدد نہیں ملی",
        "ਸਕੂਲ ਬਹੁਤ ਵਧੀਆ ਹੈ",
        "Fiul meu așteaptă de doi ani și nimeni nu ne ajută.",
    ],
)
def test_text_not_in_english_is_marked_for_translation_and_not_scored(text: str) -> None:
    result = score(text, shipped_model())
    assert result.needs_translation
    assert result.score is None
    assert result.label is None


def test_every_word_in_the_analysis_data_files_is_read_as_a_word() -> None:
    """YAML reads a bare no, yes or on as true or false; the lists must hold them as words."""

    def loose(value: object) -> list[object]:
        if isinstance(value, dict):
            return [k for k in value if not isinstance(k, str)] + [
                x for v in value.values() for x in loose(v)
            ]
        if isinstance(value, list):
            return [v for v in value if not isinstance(v, str)] + [
                x for v in value for x in loose(v)
            ]
        return []

    for path in sorted(LEXICON_FILE.parent.glob("*.yaml")):
        assert loose(yaml.safe_load(path.read_text(encoding="utf-8"))) == [], path.name
