"""The partner API (/api/v1/): an agency's own systems read its referral inbox, read a referral as far as
the family consented, answer it, and move on the plan actions given to the agency. Every request acts as
the key's agency through agencies.permissions and agencies.selectors, as the portal's pages do, so consent
is checked at every request; every read of a family goes into the read log (families/access_log.py). A
funder's pot statements hold no personal data (pots.selectors.funder_statement), so they log nothing."""

from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies import permissions as agency_permissions
from agencies import selectors as agency_selectors
from agencies.models import Category, ReferralResponse, ResponseEvent
from agencies.services import answer as answer_services
from core.calendar import today
from families.access_log import record_look
from families.models import RecordLook
from partner_api import serializers as s
from partner_api.authentication import request_key
from partner_api.models import ApiKey
from partner_api.problems import ProblemSerializer
from plans import services as plan_services
from pots import selectors as pot_selectors

PROBLEM = OpenApiResponse(ProblemSerializer, description="A problem (RFC 9457)")
ERRORS = {401: PROBLEM, 429: PROBLEM}
# The service's own field names for an answer's reason, as the API names it.
REASON_FIELDS = {"decline_reason", "question", "outcome"}


class Page(PageNumberPagination):
    page_size = 25


def _look(request: Request, *, family_id: int, category: str, response_id: int | None = None) -> None:
    key = request_key(request)
    record_look(
        request=request._request,
        family=family_id,
        category=category,
        # A key has no user: the log names the agency and the key, as it names an email link's inbox.
        agency_inbox=f"{key.agency.name} (API key {key.prefix}: {key.name})"[:254],
        referral_response_id=response_id,
    )


def _detail(response: ReferralResponse) -> dict[str, Any]:
    categories = agency_permissions.shared_categories(response)
    info = agency_selectors.shared_information(family=response.referral.family, categories=categories)
    referral = response.referral
    return {
        "id": response.pk,
        "number": referral.number,
        "status": response.status,
        "sent_at": referral.sent_at,
        "urgency": referral.urgency,
        "request": referral.request,
        "detail": referral.detail,
        "family_reference": referral.family.reference,
        "categories": categories,
        "not_shared": [c for c in Category.values if c not in categories],
        "shared": s.shared_document(info),
        "answers_available": [a.key for a in answer_services.answers_available(response)],
        "events": list(agency_selectors.response_events(response=response)),
    }


class ReferralList(APIView):
    @extend_schema(
        operation_id="referrals_list",
        summary="The agency's referral inbox, one box at a time (as the portal's inbox)",
        parameters=[s.InboxQuerySerializer, OpenApiParameter("page", int, description="Page number, from 1")],
        responses={200: s.page_of(s.InboxRowSerializer, "InboxPage"), 400: PROBLEM, 404: PROBLEM, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        query = s.InboxQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        key = request_key(request)
        paginator = Page()
        rows = paginator.paginate_queryset(
            agency_selectors.agency_inbox(agency_id=key.agency_id, box=query.validated_data["box"]),
            request,
            view=self,
        )
        rows = list(rows or [])
        named = agency_selectors.contact_consented_to_agency(
            agency_id=key.agency_id, family_ids=[r.referral.family_id for r in rows]
        )
        for row in rows:
            if not row.is_closed:
                _look(request, family_id=row.referral.family_id, category=RecordLook.Category.REFERRAL)
        data = s.InboxRowSerializer(rows, many=True, context={"named_families": named}).data
        return paginator.get_paginated_response(data)


class ReferralDetail(APIView):
    @extend_schema(
        operation_id="referral_read",
        summary="One referral, with only what the family agreed to share with the agency today",
        responses={200: s.ReferralDetailSerializer, 404: PROBLEM, **ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        response = agency_permissions.response_for_agency(request_key(request).agency_id, pk)
        _look(
            request,
            family_id=response.referral.family_id,
            category=RecordLook.Category.REFERRAL,
            response_id=response.pk,
        )
        return Response(s.ReferralDetailSerializer(_detail(response)).data)


class ReferralAnswer(APIView):
    @extend_schema(
        operation_id="referral_answer",
        summary="Answer a referral (the same answers and rules as the portal and the email link)",
        request=s.AnswerSerializer,
        responses={200: s.ReferralDetailSerializer, 400: PROBLEM, 404: PROBLEM, 409: PROBLEM, **ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        key = request_key(request)
        response = agency_permissions.response_for_agency(key.agency_id, pk)
        form = s.AnswerSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        spec = answer_services.ANSWERS[data["answer"]]
        try:
            response = answer_services.response_answer(
                actor=None,
                response=response,
                answer=data["answer"],
                note=data["note"],
                reason=data["reason"] if spec.note_field else None,
                expected_status=data.get("expected_status"),
                via=ResponseEvent.Via.APP,
            )
        except answer_services.AlreadyAnswered as exc:
            raise Conflict(exc.messages[0]) from None
        except ValidationError as exc:
            raise exceptions.ValidationError(_api_errors(exc)) from None
        _look(
            request,
            family_id=response.referral.family_id,
            category=RecordLook.Category.REFERRAL,
            response_id=response.pk,
        )
        return Response(s.ReferralDetailSerializer(_detail(response)).data)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The referral has moved on since."


def _api_errors(exc: ValidationError) -> Any:
    if not hasattr(exc, "error_dict"):
        return {"non_field_errors": exc.messages}
    return {
        ("reason" if name in REASON_FIELDS else name): [str(m) for e in errors for m in e.messages]
        for name, errors in exc.error_dict.items()
    }


class ActionList(APIView):
    @extend_schema(
        operation_id="actions_list",
        summary="The plan actions given to the agency, on families that share their plan with it",
        parameters=[OpenApiParameter("page", int, description="Page number, from 1")],
        responses={200: s.page_of(s.ActionSerializer, "ActionPage"), 404: PROBLEM, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        paginator = Page()
        actions = agency_selectors.actions_for_agency(agency_id=request_key(request).agency_id)
        rows = list(paginator.paginate_queryset(actions, request, view=self) or [])
        for action in rows:
            _look(request, family_id=action.goal.plan.family_id, category=RecordLook.Category.PLAN)
        return paginator.get_paginated_response(s.ActionSerializer(rows, many=True).data)


class ActionUpdate(APIView):
    @extend_schema(
        operation_id="action_update",
        summary="Move a plan action on, with a note for the family's lead practitioner",
        request=s.ActionUpdateSerializer,
        responses={200: s.ActionSerializer, 400: PROBLEM, 404: PROBLEM, **ERRORS},
    )
    def patch(self, request: Request, pk: int) -> Response:
        key: ApiKey = request_key(request)
        action = get_object_or_404(agency_selectors.actions_for_agency(agency_id=key.agency_id), pk=pk)
        form = s.ActionUpdateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            action = plan_services.action_update_status(
                actor=None,
                action=action,
                status=form.validated_data["status"],
                note=form.validated_data["note"],
            )
        except ValidationError as exc:
            raise exceptions.ValidationError(_api_errors(exc)) from None
        _look(request, family_id=action.goal.plan.family_id, category=RecordLook.Category.PLAN)
        return Response(s.ActionSerializer(action).data)


class PotList(APIView):
    @extend_schema(
        operation_id="pots_list",
        summary="The practical-help pots the agency has paid into",
        parameters=[OpenApiParameter("page", int, description="Page number, from 1")],
        responses={200: s.page_of(s.PotSerializer, "PotPage"), 404: PROBLEM, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        paginator = Page()
        pots = pot_selectors.funders_of(agency_id=request_key(request).agency_id).order_by("-starts_on", "pk")
        rows = list(paginator.paginate_queryset(pots, request, view=self) or [])
        return paginator.get_paginated_response(s.PotSerializer(rows, many=True).data)


class PotStatement(APIView):
    @extend_schema(
        operation_id="pot_statement",
        summary="The agency's statement for one pot: what its money did, with no personal data",
        responses={200: s.StatementSerializer, 404: PROBLEM, **ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        key = request_key(request)
        pot = get_object_or_404(pot_selectors.funders_of(agency_id=key.agency_id), pk=pk)
        statement = pot_selectors.funder_statement(pot=pot, funder=key.agency, on=today())
        return Response(s.StatementSerializer(s.statement_document(statement)).data)
