"""The pot page's bar of money received: available, committed and spent, drawn as SVG on the server."""

from typing import Any

from django.utils.translation import gettext as _

from pots import selectors


def balance_bar(balance: selectors.Balance) -> list[dict[str, Any]]:
    """Widths for the server-rendered SVG bar (available, committed, spent) of the money received."""
    total = balance.received
    parts = [
        ("available", _("Available"), balance.available),
        ("committed", _("Committed"), balance.committed),
        ("spent", _("Spent"), balance.spent),
    ]
    x = 0.0
    bar = []
    for key, label, amount in parts:
        width = float(amount / total * 100) if total > 0 else 0.0
        bar.append({"key": key, "label": label, "amount": amount, "x": x, "width": width})
        x += width
    return bar
