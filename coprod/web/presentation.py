"""How each page is presented: the person's language (and its direction) and format."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Flask, has_request_context, request, session

from coprod.languages import DEFAULT_LANGUAGE, FORMATS, LANGUAGES, language
from coprod.web.api.errors import is_api_request

LANGUAGE_KEY = "lang"
FORMAT_KEY = "format"


def select_language() -> str:
    """``?lang=``, else the choice remembered for the visit, else the browser's, else English."""
    if not has_request_context():
        return DEFAULT_LANGUAGE  # commands and background work speak the default language
    requested = request.args.get(LANGUAGE_KEY)
    if requested in LANGUAGES:
        return str(requested)
    remembered = session.get(LANGUAGE_KEY)
    if remembered in LANGUAGES:
        return str(remembered)
    return (
        request.accept_languages.best_match(list(LANGUAGES), DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE
    )


def current_format() -> str:
    """``standard`` or ``easy-read``: ``?format=`` if given, else the choice remembered."""
    requested = request.args.get(FORMAT_KEY)
    if requested in FORMATS:
        return str(requested)
    remembered = session.get(FORMAT_KEY)
    return str(remembered) if remembered in FORMATS else "standard"


def url_with(**changes: str) -> str:
    """This page's address with some query arguments changed."""
    arguments = {**request.args.to_dict(), **changes}
    return f"{request.path}?{urlencode(arguments)}"


def init_presentation(app: Flask) -> None:
    """Remember choices made with ``?lang=`` and ``?format=``, and give templates what they need."""

    @app.before_request
    def _remember_choices() -> None:
        if is_api_request():
            return  # the API sets no cookie
        if request.args.get(LANGUAGE_KEY) in LANGUAGES:
            session[LANGUAGE_KEY] = request.args[LANGUAGE_KEY]
        if request.args.get(FORMAT_KEY) in FORMATS:
            session[FORMAT_KEY] = request.args[FORMAT_KEY]

    @app.context_processor
    def _presentation() -> dict[str, Any]:
        chosen = language(select_language())
        return {
            "html_lang": chosen.code,
            "html_dir": "rtl" if chosen.right_to_left else "ltr",
            "languages": LANGUAGES.values(),
            "current_language": chosen,
            "page_format": current_format(),
            "url_with": url_with,
        }
