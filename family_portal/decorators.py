from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from family_portal.visibility import view_for


def family_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of the family's own: anonymous visitors go to the family sign-in; anyone who is not a
    member with open access (withdrawn, family closed, staff) gets 404. The view receives the member's
    `MemberView` as `request.member`."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('family_portal:sign_in')}?{query}")
        request.member = view_for(request)  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped
