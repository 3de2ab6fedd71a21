"""The family's voice (issue 12, ADR 008): complaints, suggestions, surveys and "you said, we did".

Nothing here is casework: no page of the family record, the caseload, the chronology or the dashboard
reads these tables, and the worker or team a complaint is about never sees it (voice/selectors.py).
"""

from voice.models.abuse import PublicPost
from voice.models.changes import Change
from voice.models.common import Channel, HowReceived, Language, reference_for
from voice.models.complaints import (
    Complaint,
    ComplaintCategory,
    ComplaintLook,
    Deadline,
    Reply,
    Stage,
)
from voice.models.suggestions import ReviewMeeting, Suggestion
from voice.models.surveys import Survey, SurveyInvitation, SurveyResponse

__all__ = [
    "Change",
    "Channel",
    "Complaint",
    "ComplaintCategory",
    "ComplaintLook",
    "Deadline",
    "HowReceived",
    "Language",
    "PublicPost",
    "Reply",
    "ReviewMeeting",
    "Stage",
    "Suggestion",
    "Survey",
    "SurveyInvitation",
    "SurveyResponse",
    "reference_for",
]
