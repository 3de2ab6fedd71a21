"""The published complaints procedure: its steps in plain words, with the timescales read from the
VOICE_* settings, and the geometry of its flow chart (markup in templates/voice/procedure/).

The flow chart and the ordered list beside it are drawn from the same `procedure_steps()`, so a changed
timescale changes both, and the two can never say different things. The chart carries no script and no
inline style (the CSP forbids both): sizes and colours are SVG presentation attributes, and every arrow
says in words when you follow it, so nothing is told by colour alone.
"""

import textwrap
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from voice.models import Language

WIDTH = 640
BOX_X = 40
BOX_WIDTH = 560
PADDING = 14
TITLE_SIZE = 20
TEXT_SIZE = 18
LINE_HEIGHT = 26
ARROW_GAP = 56  # between boxes: the arrow and the words that say when to follow it
# Characters on one line of a box at 18px: Arial averages about half an em, and Welsh runs longer.
TEXT_CHARS = 50
TITLE_CHARS = 44


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    # What leads here from the step before, in words (an arrow's label): empty for the first step.
    when: str = ""


def procedure_steps() -> list[Step]:
    """The steps, in the active language, with the timescales of the settings."""
    s = settings
    return [
        Step(
            _("Tell us about your complaint"),
            _(
                "Online, by phone, by letter, by email or in person: whichever suits you. We can help "
                "you write it down."
            ),
        ),
        Step(
            _("We acknowledge it"),
            _("Within %(days)s working days we tell you we have your complaint and who is dealing with it.")
            % {"days": s.VOICE_ACKNOWLEDGE_WORKING_DAYS},
            _("Then"),
        ),
        Step(
            _("Stage 1: local resolution"),
            _(
                "The service tries to put things right. You get our answer within %(days)s working "
                "days. If we need longer we tell you why, and you get it within %(max)s working days "
                "at most."
            )
            % {"days": s.VOICE_STAGE_1_WORKING_DAYS, "max": s.VOICE_STAGE_1_MAX_WORKING_DAYS},
            _("Then"),
        ),
        Step(
            _("Stage 2: investigation"),
            _(
                "Someone independent of the service looks into your complaint. You get their answer "
                "within %(days)s working days, and never later than %(max)s working days."
            )
            % {"days": s.VOICE_STAGE_2_WORKING_DAYS, "max": s.VOICE_STAGE_2_MAX_WORKING_DAYS},
            _("If you are not happy with the answer, you can ask for stage 2"),
        ),
        Step(
            _("Stage 3: review panel"),
            _(
                "A panel meets within %(panel)s working days of your request. It sends its report "
                "within %(report)s working days of meeting, and we send you our final response within "
                "%(final)s working days of the report."
            )
            % {
                "panel": s.VOICE_PANEL_WORKING_DAYS,
                "report": s.VOICE_PANEL_REPORT_WORKING_DAYS,
                "final": s.VOICE_FINAL_RESPONSE_WORKING_DAYS,
            },
            _("If you are still not happy, you can ask for a review panel"),
        ),
        Step(
            _("The Ombudsman"),
            _(
                "You can ask the Ombudsman to look at your complaint. You can also ask for mediation "
                "or get legal advice."
            ),
            _("If you are still not happy"),
        ),
    ]


def redress_text() -> str:
    """What a complainant can do beyond our procedure (the settings' text), in the active language."""
    if translation.get_language() == Language.WELSH:
        return str(settings.VOICE_REDRESS_TEXT_CY)
    return str(settings.VOICE_REDRESS_TEXT)


@dataclass(frozen=True)
class Line:
    y: int
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Box:
    number: int
    y: int
    height: int
    lines: list[Line]
    # The arrow into this box, and its words.
    arrow_top: int
    arrow_bottom: int
    when: list[Line]


def flow_chart(steps: list[Step]) -> dict[str, object]:
    """Boxes one under the other, each with the arrow and words that lead into it."""
    boxes: list[Box] = []
    y = 10
    for number, step in enumerate(steps, start=1):
        when: list[Line] = []
        arrow_top = y
        if step.when:
            labels = textwrap.wrap(step.when, TEXT_CHARS)
            extra = max(0, len(labels) - 1) * LINE_HEIGHT
            when = [Line(y + 24 + i * LINE_HEIGHT, label) for i, label in enumerate(labels)]
            y += ARROW_GAP + extra
        titles = textwrap.wrap(f"{number}. {step.title}", TITLE_CHARS)
        texts = textwrap.wrap(step.text, TEXT_CHARS)
        lines = []
        line_y = y + PADDING + TITLE_SIZE
        for title in titles:
            lines.append(Line(line_y, title, bold=True))
            line_y += LINE_HEIGHT + 2
        for text in texts:
            lines.append(Line(line_y, text))
            line_y += LINE_HEIGHT
        height = line_y - y - LINE_HEIGHT + PADDING + 8
        boxes.append(Box(number, y, height, lines, arrow_top, y - 2, when))
        y += height
    return {
        "width": WIDTH,
        "height": y + 10,
        "box_x": BOX_X,
        "box_width": BOX_WIDTH,
        "text_x": BOX_X + PADDING,
        "arrow_x": BOX_X + 30,
        "label_x": BOX_X + 48,
        "title_size": TITLE_SIZE,
        "text_size": TEXT_SIZE,
        "boxes": boxes,
    }
