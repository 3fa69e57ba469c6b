"""Fixed vocabularies that reports rely on: who is speaking and the age bands."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

#: Respondent roles. A representation question about role must use these values.
ROLES = {
    "parent_carer": _l("Parent or carer"),
    "young_person": _l("Child or young person"),
    "professional": _l("Professional"),
    "other": _l("Someone else"),
}

#: Age bands of the child or young person, split at 13 (consent) and 16 and 18 (transitions).
AGE_BANDS = {
    "0-4": _l("0 to 4"),
    "5-10": _l("5 to 10"),
    "11-12": _l("11 to 12"),
    "13-15": _l("13 to 15"),
    "16-17": _l("16 to 17"),
    "18-25": _l("18 to 25"),
}

#: The attributes a question can record about who answered, for representation reports.
REPRESENTATION_ATTRIBUTES = ("role", "age_band", "school_phase", "primary_need", "area")

#: The value every personal question offers when a person would rather not say.
PREFER_NOT_TO_SAY = "prefer_not_to_say"
