"""The API's errors: JSON with a plain message, never a page. The app's error handlers hand
anything under /api/ here, including addresses no route matches."""

from __future__ import annotations

from flask import Response, jsonify, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

API_PREFIX = "/api/"


def is_api_request() -> bool:
    """Whether the request is for the API, which answers in JSON and ignores cookies."""
    return request.path.startswith(API_PREFIX)


class BadParameter(Exception):
    """A query parameter the API cannot use; the message names it and says what to send."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def _messages() -> dict[int, str]:
    return {
        400: _("The request could not be understood."),
        401: _("Send a valid API token in the Authorization header: Bearer coprod_…"),
        403: _("This token may not read this."),
        404: _("There is nothing at this address."),
        405: _("This address can only be read (GET)."),
        429: _("Too many requests with this token: wait a minute, then try again."),
        500: _("Something went wrong on our side. Nothing was changed."),
    }


def error_response(
    status: int, message: str | None = None, parameter: str | None = None
) -> Response:
    """A JSON error: {"status", "message"} and, for a bad parameter, its name."""
    body: dict[str, object] = {
        "status": status,
        "message": message or _messages().get(status, _("The request could not be answered.")),
    }
    if parameter is not None:
        body["parameter"] = parameter
    response = jsonify(body)
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="coprod"'
    return response


def http_error_response(error: HTTPException) -> Response:
    """An HTTP error raised anywhere under /api/, as JSON, keeping its headers (Retry-After)."""
    status = error.code or 500
    response = error_response(status)
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response
