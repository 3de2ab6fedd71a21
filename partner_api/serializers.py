"""What the partner API says. Read documents are built from the portal's own selectors (what the
portal's pages show the agency), so the two never disagree about what the agency may read."""

import datetime
from typing import Any

from django.utils import timezone
from rest_framework import serializers

from agencies.models import Category, Referral, ReferralResponse, ResponseEvent
from agencies.services.answer import ANSWERS
from plans.models import Action


class InboxRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    number = serializers.CharField(source="referral.number")
    sent_at = serializers.DateTimeField(source="referral.sent_at")
    urgency = serializers.ChoiceField(source="referral.urgency", choices=Referral.Urgency.choices)
    request = serializers.CharField(source="referral.request")
    status = serializers.ChoiceField(choices=ReferralResponse.Status.choices)
    ack_due_at = serializers.DateTimeField()
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    # Closed referrals are listed as a summary only; the family's name only with consent to contact.
    family_reference = serializers.SerializerMethodField()
    family_name = serializers.SerializerMethodField()

    def get_family_reference(self, row: ReferralResponse) -> str | None:
        return None if row.is_closed else row.referral.family.reference

    def get_family_name(self, row: ReferralResponse) -> str | None:
        named = self.context.get("named_families", set())
        return row.referral.family.name if row.referral.family_id in named and not row.is_closed else None


class MemberSerializer(serializers.Serializer):
    name = serializers.CharField()
    household_role = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()


class ContactSerializer(serializers.Serializer):
    family_name = serializers.CharField()
    address_lines = serializers.ListField(child=serializers.CharField())
    members = MemberSerializer(many=True)


class AssessmentEntrySerializer(serializers.Serializer):
    domain = serializers.CharField()
    family_words = serializers.CharField()
    strengths = serializers.CharField()
    worries = serializers.CharField()


class AssessmentSerializer(serializers.Serializer):
    summary = serializers.CharField()
    entries = AssessmentEntrySerializer(many=True)


class PlanActionSerializer(serializers.Serializer):
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=Action.Status.choices)
    due_on = serializers.DateField(allow_null=True)
    owner_agency = serializers.CharField(allow_null=True)


class GoalSerializer(serializers.Serializer):
    text = serializers.CharField()
    domain = serializers.CharField()
    status = serializers.CharField()
    actions = PlanActionSerializer(many=True)


class ChronologyItemSerializer(serializers.Serializer):
    occurred_on = serializers.DateField()
    kind = serializers.CharField()
    text = serializers.CharField()


class SharedSerializer(serializers.Serializer):
    """One key per category; null where the family has not agreed to share it with the agency today."""

    contact = ContactSerializer(allow_null=True)
    assessment = AssessmentSerializer(allow_null=True)
    plan = GoalSerializer(many=True, allow_null=True)
    chronology = ChronologyItemSerializer(many=True, allow_null=True)


class EventSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ReferralResponse.Status.choices)
    note = serializers.CharField()
    via = serializers.ChoiceField(choices=ResponseEvent.Via.choices)
    created_at = serializers.DateTimeField()


class ReferralDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=ReferralResponse.Status.choices)
    sent_at = serializers.DateTimeField()
    urgency = serializers.ChoiceField(choices=Referral.Urgency.choices)
    request = serializers.CharField()
    detail = serializers.CharField()
    family_reference = serializers.CharField()
    categories = serializers.ListField(child=serializers.ChoiceField(choices=Category.choices))
    not_shared = serializers.ListField(child=serializers.ChoiceField(choices=Category.choices))
    shared = SharedSerializer()
    answers_available = serializers.ListField(child=serializers.ChoiceField(choices=list(ANSWERS)))
    events = EventSerializer(many=True)


class AnswerSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(choices=list(ANSWERS))
    # What the answer needs (why declined, what is needed, the outcome): see `answers_available`.
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    # The status the answer was given from: a referral that moved on since is refused (409), not answered.
    expected_status = serializers.ChoiceField(choices=ReferralResponse.Status.choices, required=False)


class InboxQuerySerializer(serializers.Serializer):
    box = serializers.ChoiceField(choices=["new", "waiting", "accepted", "closed"], default="new")


class ActionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=Action.Status.choices)
    status_note = serializers.CharField()
    due_on = serializers.DateField(allow_null=True)
    goal = serializers.CharField(source="goal.text")
    family_reference = serializers.CharField(source="goal.plan.family.reference")


class ActionUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Action.Status.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


def shared_document(info: dict[str, Any]) -> dict[str, Any]:
    """agencies.selectors.shared_information, as plain data for SharedSerializer."""
    doc: dict[str, Any] = dict.fromkeys(("contact", "assessment", "plan", "chronology"))
    if "contact" in info:
        family = info["contact"]["family"]
        doc["contact"] = {
            "family_name": family.name,
            "address_lines": family.address_lines,
            "members": [
                {
                    "name": p.display_name,
                    "household_role": p.get_household_role_display(),
                    "phone": p.phone,
                    "email": p.email,
                }
                for p in info["contact"]["members"]
            ],
        }
    if info.get("assessment") is not None:
        assessment = info["assessment"]
        doc["assessment"] = {
            "summary": assessment.summary,
            "entries": [
                {
                    "domain": str(e.domain),
                    "family_words": e.family_words,
                    "strengths": e.strengths,
                    "worries": e.worries,
                }
                for e in assessment.entries.all()
            ],
        }
    elif "assessment" in info:
        doc["assessment"] = None
    if "plan" in info:
        doc["plan"] = [_goal(goal) for goal in info["plan"]]
    if "chronology" in info:
        doc["chronology"] = [_chronology_item(item) for item in info["chronology"]]
    return doc


def _goal(goal: Any) -> dict[str, Any]:
    return {
        "text": goal.text,
        "domain": str(goal.domain),
        "status": goal.get_status_display(),
        "actions": [
            {
                "text": a.text,
                "status": a.status,
                "due_on": a.due_on,
                "owner_agency": str(a.owner_agency) if a.owner_agency_id else None,
            }
            for a in goal.actions.all()
        ],
    }


def _chronology_item(item: Any) -> dict[str, Any]:
    kind = item.get_kind_display() if hasattr(item, "get_kind_display") else type(item).__name__
    text = getattr(item, "text", "") or getattr(item, "reason", "") or ""
    day = item.occurred_on
    if isinstance(day, datetime.datetime):
        day = timezone.localdate(day)
    return {"occurred_on": day, "kind": str(kind), "text": str(text)}


def page_of(row: type[serializers.Serializer], name: str) -> type[serializers.Serializer]:
    """The schema of one page of rows (rest_framework's PageNumberPagination)."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": row(many=True),
        },
    )


class PotSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    team = serializers.CharField(source="team.name")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    currency = serializers.CharField()


def _money() -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=14, decimal_places=2)


class TotalsSerializer(serializers.Serializer):
    paid_in = _money()
    corrected = _money()
    available = _money()
    committed = _money()
    spent = _money()


class SpendingSerializer(serializers.Serializer):
    name = serializers.CharField()
    committed = _money()
    spent = _money()


class StatementSerializer(serializers.Serializer):
    """What the agency's money in one pot did (pots.selectors.funder_statement): no personal data."""

    pot = PotSerializer()
    generated_on = serializers.DateField()
    totals = TotalsSerializer()
    categories = SpendingSerializer(many=True)
    outcome_areas = SpendingSerializer(many=True)
    families_helped = serializers.IntegerField()


def statement_document(statement: Any) -> dict[str, Any]:
    b = statement.balance
    return {
        "pot": statement.pot,
        "generated_on": statement.generated_on,
        "totals": {
            "paid_in": b.contributed,
            "corrected": b.corrected,
            "available": b.available,
            "committed": b.committed,
            "spent": b.spent,
        },
        "categories": [
            {"name": str(r["label"]), "committed": r["committed"], "spent": r["spent"]}
            for r in statement.categories
        ],
        "outcome_areas": [
            {"name": str(r["domain"]), "committed": r["committed"], "spent": r["spent"]}
            for r in statement.domains
        ],
        "families_helped": statement.families_helped,
    }
