"""The security headers every response carries, with their exact values.

- A Content-Security-Policy that lets pages load only this site's own scripts, styles, images
  and fonts: no inline script, no plugins (``object-src 'none'``), no ``<base>`` (``base-uri
  'none'``), and no other site may frame a page (``frame-ancestors 'none'``).
- HSTS for two years, so a browser that has been here once never asks over plain HTTP.
- No MIME sniffing, no referrer sent to other sites, and no camera, microphone, location or
  other powerful feature for any page.

The printable evidence page keeps its small style inline, so that a copy saved to a file reads
the same wherever it is opened; the policy allows that one style by its hash and nothing else
inline.
"""

from __future__ import annotations

import base64
import hashlib

from flask import Flask, Response, request
from markupsafe import Markup

from coprod.config import PROJECT_ROOT

#: The printable page's style, placed inside its ``<style>`` element exactly as hashed below.
PRINTABLE_STYLE = (PROJECT_ROOT / "templates" / "evidence" / "printable.css").read_text(
    encoding="utf-8"
)


def _hash_source(text: str) -> str:
    """The CSP source that allows exactly this inline text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        f"style-src 'self' {_hash_source(PRINTABLE_STYLE)}",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    )
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
}


def init_security_headers(app: Flask) -> None:
    """Put the headers on every response, and the printable page's style where it can use it."""
    # Our own file, not anyone's input: escaping it would break the CSS and its hash.
    app.jinja_env.globals["printable_style"] = Markup(PRINTABLE_STYLE)  # noqa: S704  # nosec B704

    @app.after_request
    def _security_headers(response: Response) -> Response:
        response.headers.update(HEADERS)
        if request.endpoint is None or not request.endpoint.endswith("static"):
            # Pages may show a person's answers: never keep them in a shared browser's cache.
            response.headers.setdefault("Cache-Control", "no-store")
        return response
