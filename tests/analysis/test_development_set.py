"""The analysis reaches its goals on the statements we wrote and labelled ourselves
(tests/data/analysis, none from the seed documents). The README quotes these figures."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coprod.analysis import analyse
from coprod.analysis.evaluate import Labelled, macro_f1, sentiment_macro_f1
from coprod.analysis.framework import FRAMEWORKS_DIR, shipped_framework
from coprod.analysis.redact import redact
from coprod.analysis.safeguarding import check
from coprod.analysis.sentiment import EXAMPLES_FILE as SENTIMENT_EXAMPLES

DATA = Path(__file__).parents[1] / "data" / "analysis"
FRAMEWORK_EXAMPLES = FRAMEWORKS_DIR / "default.examples.jsonl"


def _lines(*names: str) -> list[dict]:
    return [
        json.loads(line)
        for name in names
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


@pytest.fixture(scope="module")
def development_set() -> list[Labelled]:
    items = _lines("dev_parents.jsonl", "dev_others.jsonl")
    assert len(items) >= 400
    labelled = []
    for item in items:
        found = analyse(item["text"])
        labelled.append(
            Labelled(
                frozenset(item["focus_areas"]),
                frozenset(found.focus_areas),
                item["sentiment"],
                found.sentiment.label,
            )
        )
    return labelled


def test_focus_areas_reach_macro_f1_of_0_80(development_set: list[Labelled]) -> None:
    assert macro_f1(development_set, shipped_framework().slugs) >= 0.80


def test_sentiment_tells_good_from_bad_at_macro_f1_0_85(development_set: list[Labelled]) -> None:
    assert sentiment_macro_f1(development_set) >= 0.85


def test_safeguarding_finds_at_least_95_percent_of_risks() -> None:
    risky = [i for i in _lines("safeguarding.jsonl") if i["safeguarding"]]
    found = sum(check(i["text"]).flagged for i in risky)
    assert found / len(risky) >= 0.95


def test_redaction_removes_at_least_98_percent_of_details() -> None:
    items = _lines("redaction.jsonl")
    details = [(i["text"], d["text"]) for i in items for d in i["identifiers"]]
    gone = sum(detail not in redact(text).text for text, detail in details)
    assert gone / len(details) >= 0.98


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def test_no_statement_the_models_learn_from_is_in_the_sets_they_are_measured_on() -> None:
    measured = {
        _plain(item["text"])
        for name in ("dev_parents.jsonl", "dev_others.jsonl", "holdout.jsonl")
        for item in _lines(name)
    }
    training = [
        json.loads(line)["text"]
        for path in (FRAMEWORK_EXAMPLES, SENTIMENT_EXAMPLES)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(training) > 1500
    assert [text for text in training if _plain(text) in measured] == []
