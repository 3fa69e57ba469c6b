"""Statements that suggest a child may be at risk are flagged with the reason; near misses not."""

from __future__ import annotations

import pytest

from coprod.analysis.safeguarding import check


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("I want to kill myself", "suicide"),
        ("sometimes i wanna die", "suicide"),
        ("i think about sucide alot", "suicide"),
        ("everyone would be better off without me", "suicide"),
        ("I dont want to be here any more", "suicide"),
        ("my daughter said she wants to end her life", "suicide"),
        ("I have been self harming again", "self_harm"),
        ("i hurt my self when im angry", "self_harm"),
        ("there are cuts on her arms she hides", "self_harm"),
        ("he bangs his head on the wall until it bleeds", "self_harm"),
        ("my step dad hits me when he is drunk", "abuse"),
        ("he touches me and says its our secret", "abuse"),
        ("I'm scared of mums boyfriend", "abuse"),
        ("I go to bed hungry most nights", "neglect"),
        ("nobody looks after us when mum is out", "neglect"),
        ("I don't feel safe at home", "unsafe"),
        ("i dont feeel safe at skool", "unsafe"),
        ("they lock me in a room at school when i shout", "unsafe"),
        ("I get bullied every day on the bus", "unsafe"),
        ("older boys give me money to take parcels to people", "exploitation"),
        ("a man online keeps asking me for pictures", "exploitation"),
        ("my son he say he want to die, he not want live", "suicide"),
    ],
)
def test_a_risk_is_flagged_with_its_reason(text: str, reason: str) -> None:
    found = check(text)
    assert found.flagged
    assert reason in found.reasons


@pytest.mark.parametrize(
    "text",
    [
        "The waiting list is too long and the forms are endless",
        "I'd kill for a SENCO who answers emails",
        "She is dying to start college in September",
        "The panel cut her hours of support",
        "The anti-bullying policy was updated with the youth forum",
        "The safeguarding training for staff was very good",
        "We are fighting the council for a specialist place",
        "She hits all her targets in maths now",
        "I'm afraid the annual review has been postponed again",
    ],
)
def test_near_misses_are_not_flagged(text: str) -> None:
    assert not check(text).flagged


def test_the_words_that_raised_a_concern_are_kept_for_the_lead() -> None:
    concern = check("I have been cutting my arms").concerns[0]
    assert concern.reason == "self_harm"
    assert "cutting" in concern.words
    assert concern.label == "Self-harm"
