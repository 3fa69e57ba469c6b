"""The evaluation report ``coprod evaluate`` prints, as plain lines."""

from __future__ import annotations

from collections.abc import Sequence

from coprod.analysis.evaluate import (
    POLAR,
    SENTIMENT_LABELS,
    Labelled,
    area_scores,
    bootstrap_interval,
    macro_f1,
    sentiment_macro_f1,
    sentiment_scores,
)


def evaluation_lines(items: Sequence[Labelled], areas: Sequence[str]) -> list[str]:
    """Per-area precision, recall and F1; macro-F1 with its 95% interval; sentiment F1."""
    lines = [
        f"{len(items)} statements",
        "",
        f"{'focus area':<30} precision  recall     F1  support",
    ]
    for area, s in area_scores(items, areas).items():
        lines.append(f"{area:<30} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f} {s.support:8d}")
    low, high = bootstrap_interval(items, areas)
    lines += [
        "",
        f"focus-area macro-F1 {macro_f1(items, areas):.3f} "
        f"(95% bootstrap interval {low:.3f} to {high:.3f})",
        "",
        f"{'sentiment':<30} precision  recall     F1  support",
    ]
    for label, s in sentiment_scores(items, SENTIMENT_LABELS).items():
        lines.append(f"{label:<30} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f} {s.support:8d}")
    lines += [
        "",
        f"sentiment macro-F1, positive vs negative {sentiment_macro_f1(items, POLAR):.3f}",
        f"sentiment macro-F1, all four labels {sentiment_macro_f1(items, SENTIMENT_LABELS):.3f}",
    ]
    return lines
