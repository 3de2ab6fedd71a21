from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import Domain
from core.calendar import today
from core.forms import Form, GovukDateField, GovukDateWidget, ModelMultipleChoiceField, govuk_widget_class
from families.models import Family
from partners.models import Agency
from plans.models import Action, Goal, Plan, PlanAgreement
from staff.models import User


class PlanStartForm(Form):
    started_on = GovukDateField(label=_("When did the plan start?"), help_text=_("For example, 27 3 2026"))
    family_hopes = forms.CharField(
        label=_("What does the family want to be different?"),
        help_text=_("Write it in their own words."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )


class PlanHopesForm(Form):
    family_hopes = forms.CharField(
        label=_("What does the family want to be different?"),
        help_text=_("Write it in their own words."),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
    )


def style_new_fields(form: forms.BaseForm) -> None:
    """GOV.UK classes on fields added after the form was built (the mixin styles the declared ones)."""
    for field in form.fields.values():
        if isinstance(field.widget, GovukDateWidget):
            continue  # its boxes carry their own classes
        css = govuk_widget_class(field.widget)
        existing = field.widget.attrs.get("class", "")
        if css not in existing.split():
            field.widget.attrs["class"] = f"{css} {existing}".strip()


def _domain_field(plan: Plan, current: Domain | None = None) -> forms.ModelChoiceField:
    queryset = Domain.objects.filter(active=True)
    if current is not None:
        queryset = Domain.objects.filter(pk=current.pk) | queryset
    return forms.ModelChoiceField(
        queryset=queryset.select_related("framework").order_by("framework", "order", "name"),
        label=_("Which outcome area is this goal about?"),
        empty_label=_("Choose an area"),
        error_messages={
            "required": _("Choose the outcome area this goal is about."),
            "invalid_choice": _("Choose an outcome area from the list."),
        },
    )


class GoalForm(Form):
    text = forms.CharField(
        label=_("The goal, in the family's words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Write the goal, in the family's words.")},
    )
    success_looks_like = forms.CharField(
        label=_("What will success look like?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    target_on = GovukDateField(label=_("Target date"), required=False)
    shared_with_family = forms.BooleanField(
        label=_("Share with the family on their own pages"),
        help_text=_(
            "Family members who are signed up will see this on their plan. Untick it only for a reason you would record."
        ),
        required=False,
        initial=True,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, plan: Plan, goal: Goal | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["domain"] = _domain_field(plan, goal.domain if goal else None)
        if goal is not None:
            self.fields["status"] = forms.ChoiceField(label=_("Status"), choices=Goal.Status.choices)
        self.order_fields(
            ["text", "domain", "success_looks_like", "target_on", "status", "shared_with_family", "version"]
        )
        style_new_fields(self)


def owner_choices(family: Family) -> list[tuple[Any, Any]]:
    people = [(f"person:{p.pk}", p.display_name) for p in family.members.all()]
    workers = [
        (f"worker:{u.pk}", str(u))
        for u in User.objects.filter(
            is_active=True, team=family.team, role__in=[User.Role.LEAD_PRACTITIONER, User.Role.TEAM_MANAGER]
        ).order_by("first_name", "last_name")
    ]
    agencies = [(f"agency:{a.pk}", a.name) for a in Agency.objects.order_by("name")]
    return [
        ("", _("Choose who will do this")),
        (_("Family members"), people),
        (_("Workers"), workers),
        (_("Partner agencies"), agencies),
    ]


def parse_owner(value: str, family: Family) -> dict[str, Any]:
    """'person:12' -> {'owner_person': <Person>, 'owner_worker': None, 'owner_agency': None}."""
    kind, _sep, pk = (value or "").partition(":")
    owners: dict[str, Any] = {"owner_person": None, "owner_worker": None, "owner_agency": None}
    if not pk.isdigit():
        return owners
    if kind == "person":
        owners["owner_person"] = family.members.filter(pk=pk).first()
    elif kind == "worker":
        owners["owner_worker"] = User.objects.filter(pk=pk, is_active=True).first()
    elif kind == "agency":
        owners["owner_agency"] = Agency.objects.filter(pk=pk).first()
    return owners


def owner_value(action: Action) -> str:
    if action.owner_person_id:
        return f"person:{action.owner_person_id}"
    if action.owner_worker_id:
        return f"worker:{action.owner_worker_id}"
    return f"agency:{action.owner_agency_id}"


class ActionForm(Form):
    goal = forms.ModelChoiceField(
        queryset=Goal.objects.none(),
        label=_("Which goal does this action serve?"),
        empty_label=_("Choose a goal"),
        error_messages={
            "required": _("Choose the goal this action serves. Every action serves a goal."),
            "invalid_choice": _("Choose a goal from this plan."),
        },
    )
    text = forms.CharField(
        label=_("What will be done?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Say what will be done.")},
    )
    owner = forms.ChoiceField(
        label=_("Who will do it?"),
        error_messages={
            "required": _("Choose who will do this: one family member, worker or agency."),
            "invalid_choice": _("Choose who will do this from the list."),
        },
    )
    due_on = GovukDateField(label=_("By when?"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=Action.Status.choices, initial=Action.Status.NOT_STARTED
    )
    status_note = forms.CharField(
        label=_("Latest update"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    shared_with_family = forms.BooleanField(
        label=_("Share with the family on their own pages"),
        help_text=_(
            "Family members who are signed up will see this on their plan. Untick it only for a reason you would record."
        ),
        required=False,
        initial=True,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.family = plan.family
        self.fields["goal"].queryset = plan.goals.select_related("domain").order_by("order", "pk")
        self.fields["goal"].label_from_instance = lambda g: g.text[:90]
        self.fields["owner"].choices = owner_choices(plan.family)

    def owners(self) -> dict[str, Any]:
        return parse_owner(self.cleaned_data.get("owner", ""), self.family)


class ReviewForm(Form):
    held_on = GovukDateField(label=_("When was the meeting?"))
    attending_people: ModelMultipleChoiceField = ModelMultipleChoiceField(
        queryset=None, label=_("Family members who came"), required=False, widget=forms.CheckboxSelectMultiple
    )
    attending_workers: ModelMultipleChoiceField = ModelMultipleChoiceField(
        queryset=None, label=_("Workers who came"), required=False, widget=forms.CheckboxSelectMultiple
    )
    attending_agencies: ModelMultipleChoiceField = ModelMultipleChoiceField(
        queryset=None, label=_("Agencies that came"), required=False, widget=forms.CheckboxSelectMultiple
    )
    other_attendees = forms.CharField(label=_("Anyone else"), required=False, max_length=500)
    decisions = forms.CharField(
        label=_("What was decided?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    next_review_on = GovukDateField(
        label=_("Next review"),
        required=False,
        help_text=_("Leave blank for the latest date allowed (3 months after this meeting)."),
    )

    def __init__(
        self, *args: Any, plan: Plan, goals: list[Goal], scale: tuple[int, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        family = plan.family
        self.fields["attending_people"].queryset = family.members.all()
        self.fields["attending_workers"].queryset = User.objects.filter(
            is_active=True, team=family.team
        ).exclude(role=User.Role.AGENCY_WORKER)
        self.fields["attending_agencies"].queryset = Agency.objects.order_by("name")
        self.goal_fields: list[tuple[Goal, str, str]] = []
        low, high = scale
        for goal in goals:
            score_name, comment_name = f"progress_{goal.pk}", f"comment_{goal.pk}"
            self.fields[score_name] = forms.IntegerField(
                label=_("Progress on: %(goal)s") % {"goal": goal.text[:80]},
                help_text=_("From %(low)s (not started) to %(high)s (achieved)") % {"low": low, "high": high},
                min_value=low,
                max_value=high,
                required=False,
                error_messages={
                    "min_value": _("Give progress from %(low)s to %(high)s.") % {"low": low, "high": high},
                    "max_value": _("Give progress from %(low)s to %(high)s.") % {"low": low, "high": high},
                    "invalid": _("Progress must be a whole number."),
                },
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
            )
            self.fields[comment_name] = forms.CharField(
                label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.goal_fields.append((goal, score_name, comment_name))
        self.order_fields(
            ["held_on", "attending_people", "attending_workers", "attending_agencies", "other_attendees"]
            + [n for _g, s, c in self.goal_fields for n in (s, c)]
            + ["decisions", "next_review_on"]
        )
        style_new_fields(self)

    def progress(self) -> dict[int, tuple[int | None, str]]:
        return {
            goal.pk: (self.cleaned_data.get(score), self.cleaned_data.get(comment, ""))
            for goal, score, comment in self.goal_fields
        }


class AgreeForm(Form):
    agreed_by: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None,
        label=_("Who in the family agreed the plan?"),
        empty_label=_("Choose someone"),
        error_messages={"required": _("Choose who agreed the plan.")},
    )
    method = forms.ChoiceField(
        label=_("How did they agree it?"),
        # Agreement through the family's own page is recorded by the family themselves, never by staff.
        choices=[c for c in PlanAgreement.Method.choices if c[0] != PlanAgreement.Method.PORTAL],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the family agreed the plan.")},
    )
    agreed_on = GovukDateField(label=_("When?"))
    comment = forms.CharField(
        label=_("Anything they said"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"agreed_on": today(), "method": PlanAgreement.Method.IN_PERSON})
        super().__init__(*args, **kwargs)
        self.fields["agreed_by"].queryset = plan.family.members.all()
