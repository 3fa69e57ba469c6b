"""JSON Schemas for survey and framework files; checks beyond the schema live in catalogue.py."""

from __future__ import annotations

from typing import Any

SLUG = {"type": "string", "pattern": "^[a-z0-9]+(?:[-_][a-z0-9]+)*$", "maxLength": 60}
TEXT = {"type": "string", "minLength": 1, "maxLength": 1000}
PARAGRAPHS = {"type": "array", "items": TEXT}
SYMBOL = {"type": "string", "pattern": "^[0-9A-F]{4,6}(-[0-9A-F]{4,6})*$"}
FOCUS_AREAS = {"type": "array", "items": SLUG, "uniqueItems": True}

OPTION = {
    "type": "object",
    "additionalProperties": False,
    "required": ["value", "label"],
    "properties": {
        "value": SLUG,
        "label": TEXT,
        "hint": TEXT,
        "score": {"type": "number", "minimum": -1, "maximum": 1},
        "easy_read": TEXT,
        "symbol": SYMBOL,
    },
}

CARD = {
    "type": "object",
    "additionalProperties": False,
    "required": ["value", "label", "focus_areas"],
    "properties": {
        "value": SLUG,
        "label": TEXT,
        "focus_areas": FOCUS_AREAS,
        "easy_read": TEXT,
        "symbol": SYMBOL,
    },
}

QUESTION_TYPE_NAMES = [
    "single_choice",
    "multiple_choice",
    "agreement",
    "faces",
    "yes_no",
    "free_text",
    "number",
    "card_sort",
]


def _needs(type_names: list[str], key: str, min_items: int) -> dict[str, Any]:
    return {
        "if": {"properties": {"type": {"enum": type_names}}, "required": ["type"]},
        "then": {"required": [key], "properties": {key: {"minItems": min_items}}},
    }


QUESTION = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "type", "text"],
    "properties": {
        "id": SLUG,
        "type": {"enum": QUESTION_TYPE_NAMES},
        "text": TEXT,
        "hint": TEXT,
        "required": {"type": "boolean"},
        "focus_areas": FOCUS_AREAS,
        "representation": {"enum": ["role", "age_band", "school_phase", "primary_need", "area"]},
        "prefer_not_to_say": {"type": "boolean"},
        "options": {"type": "array", "items": OPTION},
        "cards": {"type": "array", "items": CARD},
        "reverse": {"type": "boolean"},
        "max_length": {"type": "integer", "minimum": 10, "maximum": 10000},
        "minimum": {"type": "integer"},
        "maximum": {"type": "integer"},
        "unit": {"type": "string", "maxLength": 40},
        "easy_read": TEXT,
        "easy_read_hint": TEXT,
        "explain": TEXT,
        "symbol": SYMBOL,
        "symbol_alt": TEXT,
    },
    "dependentRequired": {"symbol": ["symbol_alt"]},
    "allOf": [
        _needs(["single_choice", "multiple_choice"], "options", 2),
        _needs(["card_sort"], "cards", 2),
    ],
}

SURVEY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["slug", "title", "summary", "audience", "questions"],
    "properties": {
        "slug": SLUG,
        "title": {"type": "string", "minLength": 1, "maxLength": 200},
        "summary": TEXT,
        "audience": TEXT,
        "status": {"enum": ["open", "closed"]},
        "framework": SLUG,
        "estimated_minutes": {"type": "integer", "minimum": 1, "maximum": 120},
        "retention_months": {"type": "integer", "minimum": 1, "maximum": 120},
        "respondent_role": {"enum": ["parent_carer", "young_person", "professional", "other"]},
        "about": PARAGRAPHS,
        "what_happens_next": PARAGRAPHS,
        "questions": {"type": "array", "minItems": 1, "items": QUESTION},
    },
}

FRAMEWORK_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["slug", "name", "focus_areas"],
    "properties": {
        "slug": SLUG,
        "name": TEXT,
        "description": TEXT,
        "focus_areas": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["slug", "name", "description"],
                "properties": {
                    "slug": SLUG,
                    "name": TEXT,
                    "description": TEXT,
                    "easy_read_name": TEXT,
                    "terms": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["term"],
                            "properties": {
                                "term": TEXT,
                                "weight": {"type": "number", "minimum": 0, "maximum": 5},
                            },
                        },
                    },
                },
            },
        },
    },
}
