"""A Babel extractor for survey, session-template and framework files, so their wording is
translated in ``.po`` files like the rest of the interface (the ``surveys`` domain)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import yaml

#: Keys whose text a person reads; everything else (slugs, types, numbers) stays as written.
TRANSLATABLE = frozenset(
    {
        "title",
        "summary",
        "audience",
        "about",
        "what_happens_next",
        "text",
        "hint",
        "label",
        "easy_read",
        "easy_read_hint",
        "alt",
        "name",
        "description",
        "easy_read_name",
        "prompts",
        "explain",
        "symbol_alt",
    }
)

Message = tuple[int, None, str, list[str]]


def extract_surveys(
    fileobj: BinaryIO, keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[Message]:
    """Yield (line, function, message, comments) for every translatable string in a YAML file."""
    node = yaml.compose(fileobj.read().decode("utf-8"), Loader=yaml.SafeLoader)
    if node is not None:
        yield from _walk(node, "", translatable=False)


def _walk(node: yaml.Node, where: str, translatable: bool) -> Iterator[Message]:
    if isinstance(node, yaml.ScalarNode):
        if translatable and isinstance(node.value, str) and node.value.strip():
            yield node.start_mark.line + 1, None, node.value.strip(), [where]
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = f"{where}.{key.value}" if where else key.value
            yield from _walk(value, path, key.value in TRANSLATABLE)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _walk(item, f"{where}[{index}]", translatable)
