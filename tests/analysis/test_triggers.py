"""Safeguarding patterns are tried only where a word they can start with occurs: the words are
read from each pattern, and a pattern whose start is uncertain is always tried, so no
disclosure is missed for the sake of speed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coprod.analysis import safeguarding
from coprod.analysis.triggers import Trigger, TriggerIndex, trigger

DATA = Path(__file__).resolve().parents[1] / "data" / "analysis"


@pytest.mark.parametrize(
    ("pattern", "words", "prefixes"),
    [
        (r"\b(wont|will not|not going to) be (around|here)\b", {"wont", "will", "not"}, ()),
        (r"\b(do|does) (it |this )?to (my|him)", {"do", "does"}, ()),
        (r"\bneglect\w*", set(), ("neglect",)),
        (r"\bsu+[ie]?[cs]+[iey]*d\w*", set(), ("su",)),
        (r"\b(my|his) ?self", set(), ("his", "my")),
        (r"\bdeath\b.{0,30}\bwant|\bwish\w*", set(), ("death", "wish")),
        (r"\bletters? (to|for) ", set(), ("letter",)),
    ],
)
def test_the_words_a_pattern_can_start_with(
    pattern: str, words: set[str], prefixes: tuple[str, ...]
) -> None:
    assert trigger(pattern) == Trigger(frozenset(words), prefixes)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b[ck]ut\b",  # a character class first
        r"\b(i )?scared",  # an optional first word
        r"\b(home|back) (at )?[1-5] in|\b([1-5]|three) in",  # one branch starts with a class
        r"(?i)\bhurt",  # flags
        r"\b(a|be)",  # a one-letter prefix would match nearly everything
        r"\bx(",  # not a pattern at all
    ],
)
def test_a_pattern_whose_start_is_uncertain_is_always_tried(pattern: str) -> None:
    assert trigger(pattern) is None


def _statements() -> list[str]:
    return [
        json.loads(line)["text"]
        for path in sorted(DATA.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def test_every_match_of_every_safeguarding_pattern_starts_where_its_trigger_says() -> None:
    rules = safeguarding._rules()
    checked = 0
    for text in _statements():
        said = rules.not_harm.sub(lambda m: " " * len(m.group()), safeguarding.normalise(text))
        at: dict[str, list[int]] = {}
        for found in re.finditer(r"\S+", said):
            at.setdefault(found.group(), []).append(found.start())
        starts = rules.triggers.starts(at)
        for n, pattern in enumerate(rules.patterns):
            match = pattern.search(said)
            if match and n not in rules.triggers.always:
                assert match.start() in starts.get(n, ()), (pattern.pattern, text)
                checked += 1
    assert checked > 200  # the sets hold hundreds of disclosures


def test_the_index_finds_a_pattern_by_its_exact_word_or_its_prefix() -> None:
    index = TriggerIndex(
        [Trigger(frozenset({"will"}), ()), Trigger(frozenset(), ("neglect",)), None]
    )
    found = index.starts({"he": [0], "will": [3], "neglected": [8, 30]})
    assert found == {0: [3], 1: [8, 30]}
    assert index.always == {2}
