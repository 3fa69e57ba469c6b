"""How fast `analyse` is over 10,000 statements, beside bare TextBlob polarity on the same
statements in the same run. The goal: at least half as fast as TextBlob (a ratio of 0.5 or more).

The statements are our development set repeated with a number appended, so no two are the same
and nothing may be served from a cache.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textblob import TextBlob

from coprod.analysis import default_analyser

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "analysis"
COUNT = 10_000
ROUNDS = 5


def statements() -> list[str]:
    """10,000 different statements from the development set."""
    texts = [
        json.loads(line)["text"]
        for name in ("dev_parents.jsonl", "dev_others.jsonl")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [f"{texts[i % len(texts)]} ({i})" for i in range(COUNT)]


def _seconds(work: Callable[[str], object], texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        work(text)
    return time.perf_counter() - started


def run() -> dict[str, Any]:
    """Seconds for TextBlob polarity and for analyse over the same statements, and the ratio.
    Each is timed in turn ROUNDS times and its fastest round kept, as timeit does: the slower
    rounds measure whatever else the machine was doing."""
    texts = statements()
    analyser = default_analyser()
    analyser.analyse("Warm up the models and the lexicons.")
    textblob_seconds = analyse_seconds = float("inf")
    for _round in range(ROUNDS):
        textblob_seconds = min(
            textblob_seconds, _seconds(lambda text: TextBlob(text).sentiment.polarity, texts)
        )
        analyse_seconds = min(analyse_seconds, _seconds(analyser.analyse, texts))
    result = {
        "statements": COUNT,
        "rounds": ROUNDS,
        "textblob_polarity_seconds": round(textblob_seconds, 2),
        "analyse_seconds": round(analyse_seconds, 2),
        "speed_ratio_vs_textblob": round(textblob_seconds / analyse_seconds, 3),
    }
    print(f"analyse_speed: {result}")
    return result
