"""A survey as one person sees it: in their language, in standard or easy-read wording.

The stored definition stays in the author's words (statements and reports use them); this makes
a translated copy for the pages, so question types need not know about languages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from coprod.surveys.definitions import Card, Option, Question, SurveyDefinition

Translate = Callable[[str], str]


def present(
    definition: SurveyDefinition, translate: Translate, easy_read: bool
) -> SurveyDefinition:
    """A copy of the definition with every string a person reads translated (and simplified)."""

    def t(text: str | None) -> str | None:
        return translate(text.strip()) if text else text

    def wording(plain: str, simple: str | None) -> str:
        return str(t(simple if easy_read and simple else plain))

    def option(o: Option) -> Option:
        return replace(o, label=wording(o.label, o.easy_read), hint=t(o.hint))

    def card(c: Card) -> Card:
        return replace(c, label=wording(c.label, c.easy_read))

    def question(q: Question) -> Question:
        return replace(
            q,
            text=wording(q.text, q.easy_read),
            hint=t(q.easy_read_hint if easy_read and q.easy_read_hint else q.hint),
            options=tuple(option(o) for o in q.options),
            cards=tuple(card(c) for c in q.cards),
            explain=t(q.explain),
            easy_read_mode=easy_read,
            symbol_alt=t(q.symbol_alt),
        )

    return replace(
        definition,
        title=str(t(definition.title)),
        summary=str(t(definition.summary)),
        audience=str(t(definition.audience)),
        about=tuple(str(t(p)) for p in definition.about),
        what_happens_next=tuple(str(t(p)) for p in definition.what_happens_next),
        questions=tuple(question(q) for q in definition.questions),
    )
