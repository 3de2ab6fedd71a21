"""The admin is configuration only: every registered admin is read-only or saves through a service,
and no casework model answers there, for the administrator or anyone else."""

from typing import Any

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from core.admin import ServiceSavedAdmin
from tests.admin_site.casework import admin_path, casework_models

# Each admin that may add or change, with what its add form needs; saving it through the admin must
# leave a history row naming the administrator (the service's save_with_actor).
SAVED_THROUGH_SERVICES: dict[str, dict[str, Any]] = {
    "staff.Team": {"name": "Thetford", "area": "Breckland"},
    "staff.User": {
        "username": "newworker",
        "usable_password": "true",
        "password1": "a long enough password 42",
        "password2": "a long enough password 42",
        "first_name": "Nina",
        "last_name": "New",
        "email": "nina@example.org",
        "role": "lead_practitioner",
    },
    "assessments.Framework": {"name": "Family Star", "scale_min": "1", "scale_max": "10"},
    "assessments.Domain": {"framework": lambda: _framework(), "name": "Money", "order": "9", "active": "on"},
    "partners.Agency": {
        "name": "Norfolk Housing",
        "kind": "housing",
        "manager_email": "boss@housing.example",
    },
    "timesheets.TimeCategory": {
        "name": "Peer review",
        "kind": "supervision",
        "order": "9",
        "is_active": "on",
    },
    "directory.Taxonomy": {"name": "Local needs", "version": "1"},
    "directory.TaxonomyTerm": {"taxonomy": lambda: _taxonomy(), "code": "x1", "name": "Warm spaces"},
    "directory.Organization": {"name": "Warm Hub"},
    "directory.Location": {"name": "Town hall", "postcode": "nr1 1aa", "location_type": "physical"},
    "directory.TermMapping": {"from_term": lambda: _need(), "to_term": lambda: _standard_term()},
    "directory.DirectoryFeed": {
        "name": "Next county",
        "url": "https://directory.example.gov.uk/api/directory",
        "owner": lambda: _feed_owner(),
        "active": "on",
    },
}


def _framework() -> int:
    from assessments.services import default_framework

    return default_framework().pk


def _taxonomy() -> int:
    from directory.models import Taxonomy

    return Taxonomy.objects.create(name="Test vocabulary").pk


def _need() -> Any:
    from directory.needs import need_term_id

    return need_term_id("housing")


def _standard_term() -> Any:
    from directory.models import Taxonomy, TaxonomyTerm

    taxonomy = Taxonomy.objects.create(name="Standard vocabulary")
    return TaxonomyTerm.objects.create(taxonomy=taxonomy, code="112", name="Homelessness support").pk


def _feed_owner() -> int:
    from staff.models import User

    return User.objects.filter(role=User.Role.LEAD_PRACTITIONER, is_active=True).first().pk


def _can(model_admin: Any, request: Any) -> set[str]:
    return {
        action
        for action in ("add", "change", "delete")
        if getattr(model_admin, f"has_{action}_permission")(request)
    }


def test_every_admin_is_read_only_or_saves_through_a_service(cast: Any) -> None:
    request = RequestFactory().get("/admin/")
    request.user = cast.admin
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        can = _can(model_admin, request)
        if label == "axes.AccessAttempt":
            # Deleting an attempt is how an administrator unlocks an account (django-axes); no add/change.
            assert can == {"delete"}, label
            continue
        if not can:
            continue
        assert label in SAVED_THROUGH_SERVICES, (
            f"{label}'s admin can {sorted(can)} but saves through no service"
        )
        assert isinstance(model_admin, ServiceSavedAdmin), label
        assert "delete" not in can, f"{label}: configuration is retired, not deleted, in the admin"
        assert type(model_admin).save_through_service is not ServiceSavedAdmin.save_through_service, label


def _management_forms(response: Any) -> dict[str, str]:
    data = {}
    for formset in response.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data


@pytest.mark.parametrize("label", sorted(SAVED_THROUGH_SERVICES))
def test_a_configuration_save_in_the_admin_records_the_administrator(
    client: Any, cast: Any, label: str
) -> None:
    from django.apps import apps

    model = apps.get_model(label)
    client.force_login(cast.admin)
    add = admin_path(model, "add")
    response = client.get(add)
    assert response.status_code == 200
    data = {k: (v() if callable(v) else v) for k, v in SAVED_THROUGH_SERVICES[label].items()}
    response = client.post(add, {**data, **_management_forms(response), "_save": "Save"})
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    key = next(k for k in ("username", "name", "to_term") if k in data)  # what finds the new row
    obj = model._default_manager.get(**{key: data[key]})
    # The row's creation names the administrator. (An agency's next row, its staff group, is written by
    # agencies.permissions.agency_staff_group with actor=None: the lead engineer's to pass the actor on.)
    record = obj.history.get(history_type="+")
    assert record.history_user == cast.admin, label


def test_changing_a_user_in_the_admin_goes_through_the_service(client: Any, cast: Any) -> None:
    """Deactivating a manager takes them out of the team's managers group (the service's rule)."""
    client.force_login(cast.admin)
    url = admin_path(type(cast.manager), "change", cast.manager.pk)
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data = {k: v for k, v in data.items() if k not in ("is_active", "password")}
    data |= {"last_login_0": "", "last_login_1": "", "date_joined_0": "2024-01-01", "date_joined_1": "09:00"}
    response = client.post(url, data)
    assert response.status_code == 302
    cast.manager.refresh_from_db()
    assert not cast.manager.is_active
    assert not cast.manager.groups.exists()
    assert cast.manager.history.order_by("-history_id").first().history_user == cast.admin


def test_no_casework_admin_view_answers_for_the_administrator(client: Any, cast: Any) -> None:
    client.force_login(cast.admin)
    models = casework_models() + casework_models(historical=True)
    assert len(models) > 40
    for model in models:
        for view in ("changelist", "add", "change", "history", "delete"):
            path = admin_path(model, view, pk=cast.family.pk)
            assert client.get(path).status_code == 404, path
            assert client.post(path, {}).status_code == 404, path
    assert client.get("/admin/").status_code == 200


def test_family_members_accounts_are_not_in_the_admin(client: Any, cast: Any) -> None:
    member = cast.family_member
    client.force_login(cast.admin)
    listing = client.get(reverse("admin:staff_user_changelist"))
    assert listing.status_code == 200
    assert member.username not in listing.content.decode()
    assert cast.lead.username in listing.content.decode()
    assert client.get(reverse("admin:staff_user_change", args=[member.pk])).status_code in (302, 404)
    add_form = client.get(reverse("admin:staff_user_add")).content.decode()
    assert 'value="family_member"' not in add_form
