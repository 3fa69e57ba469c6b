"""matplotlib's SVG made fit to put inside a page: no prolog, fixed size or stylesheet; ids
prefixed so several charts share a page; styles as presentation attributes, which a strict
Content-Security-Policy allows; and right-to-left text anchored where matplotlib measured it."""

from __future__ import annotations

import html
import re
import unicodedata

#: Fallbacks for the scripts DejaVu Sans lacks; browsers get the whole list.
WANTED_FAMILIES = ("DejaVu Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans Gurmukhi")
SVG_FAMILIES = ", ".join(f"'{name}'" for name in WANTED_FAMILIES) + ", sans-serif"
_TAG = re.compile(r"<[^<>]+>")
_RULE = re.compile(r"\s*([\w-]+)\s*:\s*([^;]*?)\s*(?:;|$)")
_TEXT = re.compile(r"<text([^>]*)>([^<]*)</text>")


def inline_svg(raw: str, title: str, alt: str, prefix: str) -> str:
    """matplotlib's SVG made fit to inline: no prolog, fixed size or stylesheet; ids prefixed;
    styles as presentation attributes, which a strict Content-Security-Policy allows; and each
    right-to-left text anchored where matplotlib measured it."""
    start = raw.index("<svg")
    head_end = raw.index(">", start) + 1
    view_box = re.findall(r'viewBox="([^"]*)"', raw[start:head_end])[0]
    body = re.sub(r"<defs>\s*<style.*?</style>\s*</defs>", "", raw[head_end:], flags=re.S)
    body = _TAG.sub(lambda tag: _tidy_tag(tag.group(0), prefix), body)
    body = _TEXT.sub(_text_direction, body)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        f' viewBox="{view_box}" width="100%" role="img" aria-label="{html.escape(alt)}"'
        ' direction="ltr" stroke-linejoin="round" stroke-linecap="butt">'
        f"<title>{html.escape(title)}</title>{body.strip()}"
    )


def _tidy_tag(tag: str, prefix: str) -> str:
    tag = re.sub(r'^<g id="[^"]*"', "<g", tag)  # only clip paths and markers are referred to
    tag = re.sub(r'(\bid="|url\(#|href="#)', rf"\g<1>{prefix}-", tag)
    tag = re.sub(r"font-family:[^;\"]*", f"font-family: {SVG_FAMILIES}", tag)
    return re.sub(r'style="([^"]*)"', lambda css: _RULE.sub(r'\1="\2" ', css[1]).strip(), tag)


def _text_direction(match: re.Match[str]) -> str:
    """Marks a text whose first strong letter reads right to left, as the PNG's shaper does, and
    swaps its anchor so it keeps its place: an RTL text starts at its right."""
    attributes, content = match.groups()
    strong = (unicodedata.bidirectional(c) for c in html.unescape(content))
    if next((b for b in strong if b in ("L", "R", "AL")), "L") == "L":
        return match.group(0)
    anchor = (re.findall(r' text-anchor="(\w+)"', attributes) or ["start"])[0]
    anchor = {"start": "end", "end": "start"}.get(anchor, anchor)
    attributes = re.sub(r' text-anchor="\w+"', "", attributes)
    return f'<text{attributes} text-anchor="{anchor}" direction="rtl">{content}</text>'
