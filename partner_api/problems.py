"""Errors as RFC 9457 problem details (application/problem+json), for every error the API answers."""

from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.fields import get_error_detail
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"


class ProblemSerializer(serializers.Serializer):
    """The problem details document (for the schema)."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = serializers.DictField(required=False, child=serializers.JSONField())


def _as_drf(exc: Exception) -> Exception:
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        # Never 403 for what a key may not see: that would say it exists (agencies.permissions).
        return exceptions.NotFound()
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(detail=get_error_detail(exc))
    return exc


def _detail(exc: Exception, data: Any) -> tuple[str, dict[str, Any] | None]:
    if isinstance(exc, exceptions.ValidationError):
        if isinstance(data, dict):
            messages = data.get("non_field_errors") or data.get("__all__")
            errors = {k: v for k, v in data.items() if k not in ("non_field_errors", "__all__")}
            text = " ".join(str(m) for m in messages) if messages else _("Some fields are not right.")
            return text, errors or None
        return " ".join(str(m) for m in data) if isinstance(data, list) else str(data), None
    if isinstance(data, dict) and "detail" in data:
        return str(data["detail"]), None
    return str(data), None


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    exc = _as_drf(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None  # a server error: Django's 500 handling, logged
    detail, errors = _detail(exc, response.data)
    status = response.status_code
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response
