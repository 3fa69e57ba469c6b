"""Fixed vocabularies that reports rely on: who is speaking and the age bands."""

from __future__ import annotations

from flask_babel import LazyString, force_locale
from flask_babel import lazy_gettext as _l

#: Respondent roles. A representation question about role must use these values.
ROLES = {
    "parent_carer": _l("Parent or carer"),
    "young_person": _l("Child or young person"),
    "professional": _l("Professional"),
    "other": _l("Someone else"),
}

#: The roles as a group of people, for sentences such as "12 young people came".
ROLE_GROUPS = {
    "parent_carer": _l("parents or carers"),
    "young_person": _l("children or young people"),
    "professional": _l("professionals"),
    "other": _l("other people"),
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

#: Age bands under 13: a child this young takes part only with a parent's or carer's consent.
UNDER_13_BANDS = ("0-4", "5-10", "11-12")

#: Kinds of group a session can be held with.
GROUP_TYPES = {
    "youth_forum": _l("Youth forum"),
    "parent_carer_forum": _l("Parent carer forum"),
    "school_setting": _l("School or setting"),
    "professionals": _l("Professionals"),
    "other": _l("Other"),
}

#: How a session was held.
SESSION_MODES = {"in_person": _l("In person"), "online": _l("Online")}

#: Adjustments a session can make so everyone can take part.
ADJUSTMENTS = {
    "symbols": _l("Symbols or pictures"),
    "easy_read": _l("Easy read materials"),
    "interpreter": _l("Spoken language interpreter"),
    "bsl": _l("British Sign Language"),
    "makaton": _l("Makaton"),
    "quiet_space": _l("Quiet space"),
    "breaks": _l("Movement or sensory breaks"),
    "communication_aid": _l("Communication aid (AAC)"),
    "other": _l("Something else"),
}

#: What a contribution records: the person's own words or the facilitator's summary of them.
CONTRIBUTION_KINDS = {"quote": _l("Quote (their own words)"), "paraphrase": _l("Paraphrase")}

#: The piles of a group card sort, with where each sits from -1 (bad) to 1 (good).
PILES = {
    "good": (_l("Good"), 1.0),
    "not_sure": (_l("Not sure"), 0.0),
    "not_good": (_l("Not good"), -1.0),
}

#: Ready-made options for a group tally, with their meaning from -1 (bad) to 1 (good).
TALLY_OPTION_SETS = {
    "faces": ((_l("Happy"), 1.0), (_l("OK"), 0.0), (_l("Sad"), -1.0)),
    "yes_no": ((_l("Yes"), 1.0), (_l("Not sure"), 0.0), (_l("No"), -1.0)),
}


def in_english(label: LazyString | str) -> str:
    """A label's English words: statements are stored in English whatever the page's language."""
    with force_locale("en"):
        return str(label)
