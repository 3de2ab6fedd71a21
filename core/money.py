from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENNY = Decimal("0.01")


def to_money(value: Decimal | int | str) -> Decimal:
    """A Decimal rounded to whole pence (half up, as banks round)."""
    return Decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)


def format_gbp(value: Decimal | int | str | None) -> str:
    if value is None or value == "":
        return ""
    try:
        amount = to_money(value)
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"
