"""Who gets what on every pots URL. The pot belongs to the cast's team; the request is for the cast's
family (lead: Lena; the colleague is in the team but does not hold the family)."""

from django.urls import reverse

from tests.access import AccessRow, everyone_but
from tests.pots import helpers as h

TEAM = everyone_but({"lead": 200, "colleague": 200, "manager": 200})
MANAGER = everyone_but({"manager": 200})
LEAD_AND_MANAGER = everyone_but({"lead": 200, "manager": 200})


def _pot(cast):
    pot = h.pot(cast.manager)
    h.contribute(cast.manager, pot, "1000.00", funder=cast.agency_worker.agency)
    return pot


def _request(cast, amount="50.00"):
    _pot(cast)
    return h.ask(cast.lead, cast.family, amount)


def _pending(cast):
    return _request(cast, "400.00")


def _paid(cast):
    from pots import services

    r = _request(cast)
    services.help_request_pay(actor=cast.lead, help_request=r)
    return r


def _with_receipt(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pots import services

    r = _request(cast)
    services.help_request_attach_receipt(
        actor=cast.lead,
        help_request=r,
        receipt=SimpleUploadedFile("r.pdf", b"%PDF-1.4 receipt", "application/pdf"),
    )
    return r


def _pot_url(name):
    return lambda cast: reverse(f"pots:{name}", args=[_pot(cast).pk])


def _request_url(name, make=_request):
    return lambda cast: reverse(f"pots:{name}", args=[make(cast).pk])


def _statement_url(name):
    def url(cast):
        pot = _pot(cast)
        return reverse(f"pots:{name}", args=[pot.pk, cast.agency_worker.agency_id])

    return url


def _correct_url(cast):
    pot = _pot(cast)
    return reverse("pots:contribution_correct", args=[pot.pk, pot.contributions.first().pk])


def _family_url(name):
    def url(cast):
        _pot(cast)
        h.goal(cast.family)
        return reverse(f"pots:{name}", args=[cast.family.reference])

    return url


ROWS = [
    # Team workers and, for a funder, its own workers (who see only the pots their agency paid into).
    AccessRow(
        "pots:list",
        lambda cast: reverse("pots:list"),
        everyone_but(
            {"lead": 200, "colleague": 200, "manager": 200, "other_manager": 200, "agency_worker": 200}
        ),
    ),
    AccessRow(
        "pots:create",
        lambda cast: reverse("pots:create"),
        everyone_but({"manager": 200, "other_manager": 200}),
    ),
    AccessRow(
        "pots:approvals",
        lambda cast: reverse("pots:approvals"),
        everyone_but({"manager": 200, "other_manager": 200}),
    ),
    AccessRow("pots:detail", _pot_url("detail"), TEAM),
    AccessRow("pots:edit", _pot_url("edit"), MANAGER),
    AccessRow("pots:history", _pot_url("history"), MANAGER),
    AccessRow("pots:ledger_csv", _pot_url("ledger_csv"), MANAGER),
    AccessRow("pots:contribution_add", _pot_url("contribution_add"), MANAGER),
    AccessRow("pots:contribution_correct", _correct_url, MANAGER),
    # A funder statement has no personal data: the team and the funder's own workers may read it.
    AccessRow(
        "pots:statement",
        _statement_url("statement"),
        everyone_but({"lead": 200, "colleague": 200, "manager": 200, "agency_worker": 200}),
    ),
    AccessRow(
        "pots:statement_pdf",
        _statement_url("statement_pdf"),
        everyone_but({"lead": 200, "colleague": 200, "manager": 200, "agency_worker": 200}),
    ),
    AccessRow(
        "pots:statement_csv",
        _statement_url("statement_csv"),
        everyone_but({"lead": 200, "colleague": 200, "manager": 200, "agency_worker": 200}),
    ),
    AccessRow("pots:family", _family_url("family"), LEAD_AND_MANAGER),
    AccessRow("pots:request_new", _family_url("request_new"), LEAD_AND_MANAGER),
    AccessRow("pots:request_detail", _request_url("request_detail"), LEAD_AND_MANAGER),
    # The requester may not decide their own request: only the team's manager.
    AccessRow("pots:decide", _request_url("decide", _pending), MANAGER),
    AccessRow("pots:pay", _request_url("pay"), LEAD_AND_MANAGER),
    AccessRow("pots:cancel", _request_url("cancel"), LEAD_AND_MANAGER),
    AccessRow("pots:refund", _request_url("refund", _paid), LEAD_AND_MANAGER),
    AccessRow("pots:receipt", _request_url("receipt"), LEAD_AND_MANAGER),
    AccessRow("pots:receipt_file", _request_url("receipt_file", _with_receipt), LEAD_AND_MANAGER),
    # A stranger's POST is refused like a GET (404) and moves no money.
    AccessRow(
        "pots:decide",
        _request_url("decide", _pending),
        everyone_but({"manager": 302}),
        method="POST",
        data=lambda cast: {"decision": "approve", "reason": ""},
    ),
    AccessRow(
        "pots:request_new",
        _family_url("request_new"),
        everyone_but({"lead": 302, "manager": 302}),
        method="POST",
        data=lambda cast: {
            "goal": h.goal(cast.family).pk,
            "category": "transport",
            "amount": "12.50",
            "payee": "Norfolk Buses",
            "needed_on_day": "1",
            "needed_on_month": "1",
            "needed_on_year": "2030",
        },
    ),
]
