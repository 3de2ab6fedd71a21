from typing import Any

from django.test import RequestFactory

from core.navigation import nav_items, registered


def test_each_app_registers_its_header_items_in_the_order_they_stand():
    assert [item.url_name for item in registered()] == [
        "families:caseload",
        "agencies:portal_inbox",
        "partner_api_keys:list",
        "pots:list",
        "pots:approvals",
        "family_letters:list",
        "time:week",
        "reports:dashboard",
        "directory:manage",
        "complaints:list",
        "suggestions:list",
        "surveys:list",
        "changes:list",
        "complaints_report:report",
    ]


def test_a_manager_sees_the_casework_items_and_the_current_one_is_marked(cast):
    request = RequestFactory().get("/pots/approvals/")
    request.user = cast.manager
    items = nav_items(request)
    assert [str(i["label"]) for i in items] == [
        "Families",
        "Practical help",
        "Approvals",
        "Letters to post",
        "My week",
        "Dashboard",
        "Services",
        "Surveys",
        "You said, we did",
    ]
    assert [str(i["label"]) for i in items if i["active"]] == ["Approvals"]


def test_a_familys_tabs_served_by_other_apps_are_still_under_families(cast):
    for path in (
        f"/plans/{cast.family.reference}/",
        f"/assessments/{cast.family.reference}/",
        f"/agencies/families/{cast.family.reference}/",
        f"/pots/family/{cast.family.reference}/",
    ):
        request = RequestFactory().get(path)
        request.user = cast.manager
        assert [str(i["label"]) for i in nav_items(request) if i["active"]] == ["Families"], path


def test_the_browsers_own_request_for_a_favicon_finds_the_govuk_icon(client: Any) -> None:
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("govuk/assets/images/favicon.ico")
    assert finders.find("govuk/assets/images/favicon.ico")


def test_every_class_the_templates_use_from_govuk_frontend_exists_in_it() -> None:
    """A `govuk-…` class GOV.UK Frontend does not define draws nothing (there were a float-right, a
    blue tag and small captions, which version 6 does not have)."""
    import re
    from pathlib import Path

    # Classes GOV.UK's own markup carries with no style of their own (hooks for its JavaScript, or
    # structure the parent's style covers).
    markup_only = {
        "govuk-table__head",
        "govuk-table__body",
        "govuk-table__row",
        "govuk-checkboxes",
        "govuk-radios",
        "govuk-template--rebranded",
        "govuk-js-service-navigation-toggle",
        "govuk-js-exit-this-page-button",
    }

    css = Path("core/static/css/app.css").read_text()
    defined = set(re.findall(r"\.(govuk-[\w\\!-]+)", css))
    defined = {name.replace("\\!", "!").replace("\\", "") for name in defined}
    used: set[str] = set()
    for template in Path(".").glob("*/templates/**/*.html"):
        for classes in re.findall(r'class="([^"{]*)"', template.read_text()):
            used |= {c for c in classes.split() if c.startswith("govuk-")}
    assert used - defined - markup_only == set()
