"""The base form every page uses: text is cleaned before any validator sees it."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from flask_wtf import FlaskForm
from wtforms import FieldList, FormField

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: Any) -> Any:
    """Strip surrounding space, drop NUL and control characters, normalise line ends and Unicode.

    A NUL byte cannot be stored in PostgreSQL and no person means one, so it never gets that far.
    """
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = unicodedata.normalize("NFC", _CONTROL.sub("", value)).strip()
    # Zero-width spaces, byte-order marks and the like alone are no answer.
    if all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in value):
        return ""
    return value


class StripWhitespaceForm(FlaskForm):
    """A form whose string inputs are cleaned by :func:`clean_text` before validation."""

    class Meta:
        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
            if issubclass(unbound_field.field_class, FieldList | FormField):
                # Lists and sub-forms take no filters: their own fields carry clean_text.
                return unbound_field.bind(form=form, **options)
            filters = list(unbound_field.kwargs.get("filters", ()))
            filters.insert(0, clean_text)
            return unbound_field.bind(form=form, filters=filters, **options)
