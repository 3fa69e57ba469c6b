"""Free text is split into sentences without NLTK data."""

from __future__ import annotations

import pytest

from coprod.analysis.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "We waited two years. Then the panel said no!",
            ["We waited two years.", "Then the panel said no!"],
        ),
        ("no full stops at all just one long worry", ["no full stops at all just one long worry"]),
        (
            "- the wait\n- the paperwork\n* nobody calls back",
            ["the wait", "the paperwork", "nobody calls back"],
        ),
        ("1. SALT\n2) OT", ["SALT", "OT"]),
        ("Dr. Patel was kind. Mrs. Lee too.", ["Dr. Patel was kind.", "Mrs. Lee too."]),
        (
            "The plan came late e.g. three months late. Again.",
            ["The plan came late e.g. three months late.", "Again."],
        ),
        ("It was ok. but then it wasn't", ["It was ok. but then it wasn't"]),
        ("Great school 😊 Really great!! 👍", ["Great school 😊 Really great!!", "👍"]),
        ("First line\n\nSecond line", ["First line", "Second line"]),
        ("کوئی نہیں سنتا۔ ہم تھک گئے ہیں۔", ["کوئی نہیں سنتا۔", "ہم تھک گئے ہیں۔"]),
        ("لا أحد يستمع؟ نعم", ["لا أحد يستمع؟", "نعم"]),
        ("   ", []),
        ("...", []),
        ("J. Smith helped us.", ["J. Smith helped us."]),
    ],
)
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


def test_twenty_thousand_characters_split_without_trouble() -> None:
    text = "We had to fight for everything. " * 625
    assert len(split_sentences(text)) == 625
