"""The staff's side of what a family sent: a photo or document, for those who may see the family."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from families.permissions import family_for
from family_portal.models import FamilyMessage
from staff.http import AuthedRequest


@login_required
def document(request: AuthedRequest, reference: str, message_id: int) -> FileResponse:
    """The file a member sent, to staff who may see the family (404 for anyone else, as family_for says)."""
    if not request.user.is_casework_staff:
        raise Http404("No such document")
    family = family_for(request.user, reference)
    message = FamilyMessage.objects.filter(
        pk=message_id, family=family, kind=FamilyMessage.Kind.DOCUMENT
    ).first()
    if message is None or not message.file:
        raise Http404("No such document")
    return FileResponse(
        message.file.open("rb"),
        as_attachment=True,
        filename=message.file_name,
        content_type=message.content_type_name or "application/octet-stream",
    )
