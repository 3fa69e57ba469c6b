"""Question types by name: adding a type means one class here and its schema entry."""

from __future__ import annotations

from coprod.surveys.definitions import Question
from coprod.surveys.questions.base import QuestionType, StatementDraft
from coprod.surveys.questions.card_sort import CardSort
from coprod.surveys.questions.choices import MultipleChoice, SingleChoice
from coprod.surveys.questions.scales import Agreement, Faces, YesNo
from coprod.surveys.questions.text import FreeText, Number

QUESTION_TYPES: dict[str, type[QuestionType]] = {
    cls.name: cls
    for cls in (SingleChoice, MultipleChoice, Agreement, Faces, YesNo, FreeText, Number, CardSort)
}


def question_type(question: Question) -> QuestionType:
    """The behaviour object for a question."""
    return QUESTION_TYPES[question.type](question)


__all__ = ["QUESTION_TYPES", "QuestionType", "StatementDraft", "question_type"]
