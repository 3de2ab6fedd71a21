from typing import Any

from django.test import RequestFactory

from core.navigation import nav_items, registered


def test_each_app_registers_its_header_items_in_the_order_they_stand():
    assert [item.url_name for item in registered()] == [
        "families:caseload",
        "agencies:portal_inbox",
        "pots:list",
        "pots:approvals",
        "family_letters:list",
        "time:week",
        "reports:dashboard",
        "directory:manage",
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
    ]
    assert [str(i["label"]) for i in items if i["active"]] == ["Practical help", "Approvals"]


def test_the_browsers_own_request_for_a_favicon_finds_the_govuk_icon(client: Any) -> None:
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("govuk/assets/images/favicon.ico")
    assert finders.find("govuk/assets/images/favicon.ico")
