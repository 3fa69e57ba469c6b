"""Load every survey and framework file, check them, and report each problem by file and line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from coprod.surveys.definitions import SurveyDefinition, survey_from_dict
from coprod.surveys.schema import FRAMEWORK_SCHEMA, SURVEY_SCHEMA
from coprod.surveys.session_templates import (
    SESSION_TEMPLATE_SCHEMA,
    SessionTemplate,
    template_area_problems,
    template_from_dict,
)
from coprod.surveys.yaml_lines import (
    Path_,
    YamlSyntaxError,
    describe_path,
    line_for,
    load_with_lines,
)
from coprod.vocabulary import AGE_BANDS, PREFER_NOT_TO_SAY, ROLES

CLOSED_TYPES = {"single_choice", "multiple_choice", "agreement", "faces", "yes_no"}
# Questions that would identify a person. Hints may warn people not to write names, so
# only the question's own wording is checked.
IDENTIFYING = re.compile(
    r"\b(?:(?:your|their|child'?s|first|last|full|sur)\s*name|what\s+is\s+(?:your|their)\s+name|"
    r"e-?mail|date\s+of\s+birth|birthday|d\.?o\.?b\b|post\s?code|"
    r"(?:which|what|name\s+of\s+(?:your|the|their))\s+school|school\s+name|"
    r"phone\s+number|address)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a definition file."""

    file: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.key}: {self.message}"


class DefinitionError(Exception):
    """Raised when definition files have problems; str() lists every one, a line each."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class FocusArea:
    """One focus area of a framework."""

    slug: str
    name: str
    description: str
    easy_read_name: str | None = None


@dataclass(frozen=True)
class Framework:
    """A partnership's focus areas, e.g. the six areas of its Written Statement of Action."""

    slug: str
    name: str
    focus_areas: tuple[FocusArea, ...]
    raw: dict[str, Any]

    def area(self, slug: str) -> FocusArea | None:
        """The focus area with that slug, or None."""
        return next((a for a in self.focus_areas if a.slug == slug), None)


@dataclass(frozen=True)
class Catalogue:
    """Every valid survey, framework and session template, by slug, in file order."""

    surveys: dict[str, SurveyDefinition]
    frameworks: dict[str, Framework]
    session_templates: dict[str, SessionTemplate]

    def open_surveys(self) -> list[SurveyDefinition]:
        """Surveys people can answer now."""
        return [s for s in self.surveys.values() if s.is_open]

    def session_framework(self, template_slug: str | None) -> str:
        """The framework a session recorded with that template (or none) is tagged against."""
        template = self.session_templates.get(template_slug or "")
        return template.framework if template else "default"


#: The last catalogue read from each folder, with the files it was read from: parsing the YAML
#: takes a third of a second, and every app a process creates (each test makes one) reads it.
_read: dict[Path, tuple[tuple[tuple[str, int, int], ...], Catalogue]] = {}


def _files_of(directory: Path) -> tuple[tuple[str, int, int], ...]:
    """Each definition file under the folder, with its time and size, to tell when one changes."""
    found = []
    for folder in (directory, directory / "frameworks", directory / "sessions"):
        for path in sorted(folder.glob("*.yaml")):
            stat = path.stat()
            found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def load_catalogue(directory: Path) -> Catalogue:
    """Load and check ``directory``/*.yaml, frameworks/ and sessions/; raise DefinitionError if
    any fail. Read again only when a file is added, removed or changed."""
    key = directory.resolve()
    files = _files_of(key)
    kept = _read.get(key)
    if kept is not None and kept[0] == files:
        return kept[1]
    catalogue = _read_catalogue(directory)
    _read[key] = (files, catalogue)
    return catalogue


def _read_catalogue(directory: Path) -> Catalogue:
    problems: list[Problem] = []
    frameworks: dict[str, Framework] = {}
    for path in sorted((directory / "frameworks").glob("*.yaml")):
        loaded = _load(path, FRAMEWORK_SCHEMA, problems)
        if loaded is not None:
            framework = _framework(path, *loaded, problems)
            if framework.slug in frameworks:
                problems.append(Problem(str(path), 1, "slug", f"'{framework.slug}' is used twice"))
            frameworks[framework.slug] = framework
    surveys: dict[str, SurveyDefinition] = {}
    files = sorted(directory.glob("*.yaml"))
    for path in files:
        loaded = _load(path, SURVEY_SCHEMA, problems)
        if loaded is None:
            continue
        raw, lines = loaded
        found = _survey_problems(path, raw, lines, frameworks)
        if raw["slug"] in surveys:
            found.append(
                Problem(str(path), 1, "slug", f"'{raw['slug']}' is used by another survey")
            )
        problems.extend(found)
        if not found:
            surveys[raw["slug"]] = survey_from_dict(raw)
    if not files and not problems:
        problems.append(Problem(str(directory), 1, "(folder)", "no survey files (*.yaml) found"))
    templates = _session_templates(directory / "sessions", frameworks, problems)
    if problems:
        raise DefinitionError(problems)
    return Catalogue(surveys=surveys, frameworks=frameworks, session_templates=templates)


def check_definition(raw: dict[str, Any], catalogue: Catalogue, where: str) -> SurveyDefinition:
    """A definition made by the program (an imported survey), checked like a file would be;
    raise DefinitionError naming ``where`` if it has problems."""
    problems = definition_problems(raw, {}, catalogue.frameworks, where)
    if problems:
        raise DefinitionError(problems)
    return survey_from_dict(raw)


def _session_templates(
    directory: Path, frameworks: dict[str, Framework], problems: list[Problem]
) -> dict[str, SessionTemplate]:
    templates: dict[str, SessionTemplate] = {}
    for path in sorted(directory.glob("*.yaml")):
        loaded = _load(path, SESSION_TEMPLATE_SCHEMA, problems)
        if loaded is None:
            continue
        raw, lines = loaded
        framework = frameworks.get(raw.get("framework", "default"))
        areas = {a.slug for a in framework.focus_areas} if framework else None
        found = [
            Problem(str(path), line, key, message)
            for line, key, message in template_area_problems(path, raw, lines, areas)
        ]
        if raw["slug"] in templates:
            found.append(Problem(str(path), 1, "slug", f"'{raw['slug']}' is used twice"))
        problems.extend(found)
        if not found:
            templates[raw["slug"]] = template_from_dict(raw)
    return templates


def _load(
    path: Path, schema: dict[str, Any], problems: list[Problem]
) -> tuple[dict[str, Any], dict[Path_, int]] | None:
    try:
        data, lines = load_with_lines(path)
    except YamlSyntaxError as syntax:
        problems.append(Problem(str(path), syntax.line, "(file)", syntax.message))
        return None
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    for error in _most_specific(errors):
        where: Path_ = tuple(error.absolute_path)
        problems.append(
            Problem(str(path), line_for(lines, where), describe_path(where), _plain(error))
        )
    if errors:
        return None
    return data, lines


def definition_problems(
    raw: dict[str, Any], lines: dict[Path_, int], frameworks: dict[str, Framework], where: str
) -> list[Problem]:
    """Every problem of one survey definition that was not read from a YAML file (``lines``
    says where each part came from)."""
    errors = sorted(
        Draft202012Validator(SURVEY_SCHEMA).iter_errors(raw), key=lambda e: list(e.path)
    )
    problems = [
        Problem(
            where,
            line_for(lines, tuple(e.absolute_path)),
            describe_path(tuple(e.absolute_path)),
            _plain(e),
        )
        for e in _most_specific(errors)
    ]
    return problems or _survey_problems(Path(where), raw, lines, frameworks)


def _most_specific(errors: list[ValidationError]) -> list[ValidationError]:
    """Errors inside if/then and allOf come wrapped; report the innermost ones."""
    result: list[ValidationError] = []
    for error in errors:
        if error.context:
            result.extend(_most_specific(list(error.context)))
        else:
            result.append(error)
    return result


def _plain(error: ValidationError) -> str:
    """The schema error in words a survey author understands."""
    validator = error.validator
    if validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        return f"'{missing[0]}' is missing" if missing else error.message
    if validator == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown key")
    if validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"{error.instance!r} is not one of: {allowed}"
    if validator == "pattern":
        return f"{error.instance!r} must be lower-case letters, digits, - or _ (or a symbol code)"
    if validator == "type" and isinstance(error.instance, bool):
        return "must be text: put words such as Yes, No, On or Off in quotes"
    if validator == "type":
        return f"must be {error.validator_value}, not {type(error.instance).__name__}"
    if validator == "minItems":
        return f"needs at least {error.validator_value} items"
    return error.message


def _framework(
    path: Path, raw: dict[str, Any], lines: dict[Path_, int], problems: list[Problem]
) -> Framework:
    seen: set[str] = set()
    for index, area in enumerate(raw["focus_areas"]):
        if area["slug"] in seen:
            where = ("focus_areas", index, "slug")
            problems.append(
                Problem(str(path), line_for(lines, where), describe_path(where), "used twice")
            )
        seen.add(area["slug"])
    areas = tuple(
        FocusArea(a["slug"], a["name"], a["description"], a.get("easy_read_name"))
        for a in raw["focus_areas"]
    )
    return Framework(raw["slug"], raw["name"], areas, raw)


def _survey_problems(
    path: Path, raw: dict[str, Any], lines: dict[Path_, int], frameworks: dict[str, Framework]
) -> list[Problem]:
    problems: list[Problem] = []

    def problem(where: Path_, message: str) -> None:
        problems.append(Problem(str(path), line_for(lines, where), describe_path(where), message))

    framework = frameworks.get(raw.get("framework", "default"))
    if framework is None:
        problem(("framework",), f"no framework '{raw.get('framework', 'default')}' in frameworks/")
    area_slugs = {a.slug for a in framework.focus_areas} if framework else set()
    seen_ids: set[str] = set()
    seen_attributes: set[str] = set()
    for index, question in enumerate(raw["questions"]):
        at: Path_ = ("questions", index)
        if question["id"] in seen_ids:
            problem((*at, "id"), f"'{question['id']}' is used by another question")
        seen_ids.add(question["id"])
        if IDENTIFYING.search(question["text"]):
            problem(
                (*at, "text"), "asks for something that identifies a person; coprod is anonymous"
            )
        for key in ("options", "cards"):
            values = [item["value"] for item in question.get(key, [])]
            for dup in {v for v in values if values.count(v) > 1}:
                problem((*at, key), f"value '{dup}' is used twice")
        areas = list(question.get("focus_areas", []))
        for card in question.get("cards", []):
            areas.extend(card["focus_areas"])
        for slug in areas:
            if framework and slug not in area_slugs:
                problem((*at, "focus_areas"), f"'{slug}' is not a focus area of '{framework.slug}'")
        attribute = question.get("representation")
        if attribute:
            _check_representation(question, attribute, seen_attributes, at, problem)
        elif question["type"] in CLOSED_TYPES and not question.get("focus_areas"):
            problem(at, "a closed question must name its focus_areas")
        if question.get("prefer_not_to_say") and PREFER_NOT_TO_SAY in [
            o["value"] for o in question.get("options", [])
        ]:
            problem((*at, "options"), f"'{PREFER_NOT_TO_SAY}' is added for you; remove it")
        low, high = question.get("minimum"), question.get("maximum")
        if low is not None and high is not None and low > high:
            problem((*at, "minimum"), "is greater than maximum")
    return problems


def _check_representation(
    question: dict[str, Any], attribute: str, seen: set[str], at: Path_, problem: Any
) -> None:
    if question["type"] not in ("single_choice", "multiple_choice"):
        problem((*at, "type"), "a representation question must be single or multiple choice")
    if attribute in seen:
        problem((*at, "representation"), f"'{attribute}' is asked by another question")
    seen.add(attribute)
    if not question.get("prefer_not_to_say"):
        problem(at, "a question about the person must offer prefer_not_to_say: true")
    allowed = {"role": ROLES, "age_band": AGE_BANDS}.get(attribute)
    for index, option in enumerate(question.get("options", [])):
        if allowed is not None and option["value"] not in allowed:
            problem(
                (*at, "options", index, "value"),
                f"'{option['value']}' is not one of: {', '.join(allowed)}",
            )
