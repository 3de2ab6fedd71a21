"""Staff side: the letters to post for the families a lead worker or manager holds (issue 11)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from core.submissions import once_per_submission
from family_portal.services import letters
from staff.models import User

# Who holds families, and so may have letters to post for them.
HOLDERS = (User.Role.LEAD_PRACTITIONER, User.Role.TEAM_MANAGER)


@login_required
@require_GET
def letter_list(request: HttpRequest) -> HttpResponse:
    if getattr(request.user, "role", None) not in HOLDERS:
        raise Http404("No letters here")
    to_post = list(letters.letters_for(request.user))  # type: ignore[arg-type]
    return render(request, "family_portal/letters/list.html", {"letters": to_post})


@login_required
@require_GET
def letter_download(request: HttpRequest, notice_id: int) -> FileResponse:
    notice = letters.letter_for(request.user, notice_id)  # type: ignore[arg-type]
    return FileResponse(
        notice.letter.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"letter-{notice.access.person.family.reference}-{notice.pk}.pdf",
    )


@login_required
@require_POST
@once_per_submission(message=gettext_lazy("This letter was already marked as posted at %(time)s."))
def letter_posted(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = letters.letter_for(request.user, notice_id)  # type: ignore[arg-type]
    letters.letter_mark_posted(actor=request.user, notice=notice)  # type: ignore[arg-type]
    messages.success(
        request, _("Letter to %(name)s marked as posted.") % {"name": notice.access.person.display_name}
    )
    return redirect("family_letters:list")
