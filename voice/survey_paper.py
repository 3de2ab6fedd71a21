"""The survey on paper (WeasyPrint, core.pdf): the same questions as the page behind the link, to print
and hand out, in English or in Welsh. It asks for no name, and has no number that could tell whose it was."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.pdf import html_to_pdf
from voice.models import Survey
from voice.survey_answer_form import SurveyAnswerForm


def survey_paper_pdf(*, survey: Survey, language: str) -> bytes:
    form = SurveyAnswerForm()
    questions = [
        (form.fields[name].label, [label for _value, label in getattr(form.fields[name], "choices", [])])
        for name in ("helpful", "listened_to", "in_control")
    ]
    html = render_to_string(
        "voice/survey/paper.html",
        {
            "survey": survey,
            "title": survey.title_cy if language == "cy" else survey.title,
            "questions": questions,
            "comment_label": form.fields["comment"].label,
            "comment_hint": form.fields["comment"].help_text,
            "heading": _("Tell us what you think"),
            "LANGUAGE_CODE": language,
        },
    )
    return html_to_pdf(html)
