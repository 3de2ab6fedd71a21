"""One submit is one write (ADR 005).

Every form rendered with the project's form template (core/templates/django/forms/govuk.html) carries a
hidden, random, one-time token. A view that creates something is wrapped in `once_per_submission`, which
claims the token by inserting its row *first*, in the same transaction as the view's own writes:

- the first post of a token inserts the row, runs the view and, when the view answers with a redirect (the
  post/redirect/get every form view here follows), keeps where it led;
- a second post of the same token, one after the other or at the same moment from a second tab, fails on
  the unique constraint (on PostgreSQL it waits on the index until the first commits), writes nothing and
  is sent where the first went, with a message saying when the first was made;
- a post the view answers with anything but a redirect (the form again, with its errors) is rolled back,
  token included, so the person can correct it and send the same form again.

A post with no token, or one that is not a token, is an ordinary post: it is not deduplicated (API clients
and tests that post by hand). Only forms the system rendered make the promise, and they always carry one.
"""

import datetime
import functools
import uuid
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise

from core.models import SubmissionToken

FIELD_NAME = "_submission"
REDIRECTS = (301, 302, 303, 307, 308)
# Set on a response that answers a repeated post, so nothing downstream counts it as a second save
# (timesheets' observed form time, for one).
REPLAYED = "submission_replayed"

View = TypeVar("View", bound=Callable[..., HttpResponse])


def new_submission_token() -> str:
    return str(uuid.uuid4())


def read_submission_token(value: Any) -> uuid.UUID | None:
    """The token in a posted value; None for a missing, garbled or hostile one."""
    if not isinstance(value, str) or not 32 <= len(value) <= 36:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _posted_token(request: HttpRequest) -> uuid.UUID | None:
    return read_submission_token(request.POST.get(FIELD_NAME))


def _user_of(request: HttpRequest) -> Any:
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _when(moment: datetime.datetime) -> str:
    """ "10:42" today, "10:42 on 3 March" before, in the service's time zone (Europe/London)."""
    local = timezone.localtime(moment)
    clock = date_format(local, "H:i")
    if local.date() == timezone.localdate():
        return clock
    return f"{clock} on {date_format(local, 'j F')}"


def _replay(request: HttpRequest, token: uuid.UUID, message: str) -> HttpResponse | None:
    first = SubmissionToken.objects.filter(token=token, user=_user_of(request)).first()
    if first is None:  # past its retention and pruned between the insert and this read: forgotten
        return None
    messages.info(request, message % {"time": _when(first.created_at)})
    response = HttpResponseRedirect(first.result_url)
    setattr(response, REPLAYED, True)
    return response


def once_per_submission(*, message: str | Promise) -> Callable[[View], View]:
    """Run a creating form view at most once per submission token.

    `message` is shown on a repeated post, with `%(time)s` for when the first was made, for example
    `_("This case note was already added at %(time)s.")`. Put it inside `login_required`.
    """

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            token = _posted_token(request) if request.method == "POST" else None
            if token is None:
                return view(request, *args, **kwargs)
            claimed = False
            try:
                with transaction.atomic():
                    claim = SubmissionToken.objects.create(token=token, user=_user_of(request))
                    claimed = True
                    response = view(request, *args, **kwargs)
                    if response.status_code in REDIRECTS:
                        claim.result_url = response["Location"]
                        claim.save(update_fields=["result_url"])
                    else:
                        transaction.set_rollback(True)  # nothing was made: the token stays unused
                    return response
            except IntegrityError:
                if claimed:  # the view's own constraint, not ours
                    raise
            replay = _replay(request, token, str(message))
            return replay if replay is not None else view(request, *args, **kwargs)

        return cast(View, wrapper)

    return decorator


def submission_tokens_prune(*, now: datetime.datetime | None = None) -> int:
    """Forget tokens older than SUBMISSION_TOKEN_RETENTION_DAYS; returns how many went."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.SUBMISSION_TOKEN_RETENTION_DAYS)
    deleted, _ = SubmissionToken.objects.filter(created_at__lt=cutoff).delete()
    return deleted
