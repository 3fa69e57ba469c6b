"""Survey definitions: loading, checking and the question types."""

from coprod.surveys.catalogue import Catalogue, DefinitionError, Framework, Problem, load_catalogue
from coprod.surveys.definitions import Question, SurveyDefinition

__all__ = [
    "Catalogue",
    "DefinitionError",
    "Framework",
    "Problem",
    "Question",
    "SurveyDefinition",
    "load_catalogue",
]
