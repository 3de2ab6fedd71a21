"""The Django admin meets WCAG 2.2 AA as the rest of the site does (the axe crawl, tests/e2e/test_axe_crawl.py,
checks it in the browser): here, the markup the fixes depend on."""

from typing import Any

from assessments.models import Domain


def test_the_admin_loads_the_projects_accessibility_styles(client: Any, cast: Any) -> None:
    client.force_login(cast.admin)
    page = client.get("/admin/").content.decode()
    assert "/static/core/admin.css" in page


def test_every_input_in_an_admin_table_is_named_by_its_column_and_row(client: Any, cast: Any) -> None:
    client.force_login(cast.admin)
    domain = Domain.objects.order_by("order").first()
    assert domain is not None
    changelist = client.get("/admin/assessments/domain/").content.decode()
    assert f'aria-label="Order, {domain}"' in changelist
    inline = client.get(f"/admin/assessments/framework/{domain.framework_id}/change/").content.decode()
    assert 'aria-label="Name, new row"' in inline


def test_a_history_address_that_is_not_a_version_is_not_found_not_a_server_error(
    client: Any, cast: Any
) -> None:
    """The user form's relative "../password/" link, followed from a user's history page, lands here."""
    client.force_login(cast.admin)
    assert client.get(f"/admin/staff/user/{cast.lead.pk}/history/").status_code == 200
    assert client.get(f"/admin/staff/user/{cast.lead.pk}/history/password/").status_code == 404
