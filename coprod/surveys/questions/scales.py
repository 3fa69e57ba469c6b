"""Questions with a fixed scale: five-point agreement, five faces, and yes / no / not sure."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from flask_babel import get_locale
from flask_babel import gettext as _

from coprod.surveys.definitions import Option
from coprod.surveys.questions.choices import SingleChoice


class _Scale(SingleChoice):
    """A single choice whose options and scores are the same for every question of the type."""

    @classmethod
    def scale(cls) -> tuple[Option, ...]:
        raise NotImplementedError

    def option_values(self) -> frozenset[str]:
        return frozenset(o.value for o in self.options())

    def options(self) -> tuple[Option, ...]:
        scale = _scale_options(
            type(self), str(get_locale()), self.question.easy_read_mode, self.question.reverse
        )
        if self.question.prefer_not_to_say:
            return (*scale, *super().options()[-1:])
        return scale


@lru_cache(maxsize=256)
def _scale_options(
    kind: type[_Scale], locale: str, easy_read: bool, reverse: bool
) -> tuple[Option, ...]:
    """A scale's options in one language and format; kept, as translations never change."""
    flip = -1.0 if reverse else 1.0
    return tuple(
        replace(
            o,
            label=o.easy_read if easy_read and o.easy_read else o.label,
            score=None if o.score is None else o.score * flip,
        )
        for o in kind.scale()
    )


class Agreement(_Scale):
    """Strongly agree to strongly disagree with a statement; ``reverse`` for negative wording."""

    name = "agreement"

    @classmethod
    def scale(cls) -> tuple[Option, ...]:
        return (
            Option("strongly_agree", _("Strongly agree"), score=1.0, easy_read=_("Yes, a lot")),
            Option("agree", _("Agree"), score=0.5, easy_read=_("Yes")),
            Option("neither", _("Neither agree nor disagree"), score=0.0, easy_read=_("Not sure")),
            Option("disagree", _("Disagree"), score=-0.5, easy_read=_("No")),
            Option(
                "strongly_disagree",
                _("Strongly disagree"),
                score=-1.0,
                easy_read=_("No, not at all"),
            ),
        )


class Faces(_Scale):
    """Five faces from very happy to very sad, each a picture with its words."""

    name = "faces"
    template = "respond/questions/faces.html"

    @classmethod
    def scale(cls) -> tuple[Option, ...]:
        return (
            Option("very_happy", _("Very happy"), score=1.0, symbol="1F600"),
            Option("happy", _("Happy"), score=0.5, symbol="1F642"),
            Option("okay", _("Okay"), score=0.0, symbol="1F610"),
            Option("sad", _("Sad"), score=-0.5, symbol="1F641"),
            Option("very_sad", _("Very sad"), score=-1.0, symbol="1F622"),
        )


class YesNo(_Scale):
    """Yes, no or not sure; yes counts as good unless ``reverse`` says otherwise."""

    name = "yes_no"

    @classmethod
    def scale(cls) -> tuple[Option, ...]:
        return (
            Option("yes", _("Yes"), score=1.0),
            Option("no", _("No"), score=-1.0),
            Option("not_sure", _("Not sure"), score=0.0),
        )
