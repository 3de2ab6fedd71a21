from django.http import HttpRequest

from staff.models import User


class AuthedRequest(HttpRequest):
    """A request behind `login_required`: `user` is a staff User, so views need no casts."""

    user: User
