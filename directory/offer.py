"""What a service offers and how: its cost options, delivery methods and languages, and their filters.

The cost filter's rule is docs/decisions/010-cost-filter.md: `free` is a service with a free option valid
today; `paid` is one with a fixed, per-session or means-tested option valid today (means-tested counts as
paid: a family cannot know it is free for them without asking). A service with both is in both; one that
says nothing about its cost (no options) is in neither, because the directory never claims "free" for an
entry that does not say so.

Languages stay the service's comma-separated names ("English, Polish, British Sign Language (book in
advance)"); LANGUAGES gives the usual ones their ISO 639 code (639-1 where there is one, else 639-3) and a
translated label, so the API can send `code` and the public filter can be offered in Welsh.
"""

import datetime
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from core.calendar import today as local_today
from directory.models import CostOption, DeliveryMethod, Service

COST_FILTERS = ("free", "paid")
# How the API names a kind in `option` when the option says nothing of who it is for (ORUK has no kind).
COST_KINDS_IN_API: dict[str, str] = {
    CostOption.Kind.FREE: "Free",
    CostOption.Kind.FIXED: "Fixed price",
    CostOption.Kind.PER_SESSION: "Per session",
    CostOption.Kind.MEANS_TESTED: "Means-tested",
}
PAID_KINDS = (CostOption.Kind.FIXED, CostOption.Kind.PER_SESSION, CostOption.Kind.MEANS_TESTED)

# ISO 639 code -> (the name entries use, the label the public filter shows).
LANGUAGES: dict[str, tuple[str, Promise]] = {
    "en": ("English", pgettext_lazy("language spoken", "English")),
    "cy": ("Welsh", pgettext_lazy("language spoken", "Welsh")),
    "bfi": ("British Sign Language", pgettext_lazy("language spoken", "British Sign Language")),
    "ar": ("Arabic", pgettext_lazy("language spoken", "Arabic")),
    "bn": ("Bengali", pgettext_lazy("language spoken", "Bengali")),
    "bg": ("Bulgarian", pgettext_lazy("language spoken", "Bulgarian")),
    "zh": ("Chinese", pgettext_lazy("language spoken", "Chinese")),
    "fa": ("Farsi", pgettext_lazy("language spoken", "Farsi")),
    "fr": ("French", pgettext_lazy("language spoken", "French")),
    "gu": ("Gujarati", pgettext_lazy("language spoken", "Gujarati")),
    "ku": ("Kurdish", pgettext_lazy("language spoken", "Kurdish")),
    "lv": ("Latvian", pgettext_lazy("language spoken", "Latvian")),
    "lt": ("Lithuanian", pgettext_lazy("language spoken", "Lithuanian")),
    "pl": ("Polish", pgettext_lazy("language spoken", "Polish")),
    "pt": ("Portuguese", pgettext_lazy("language spoken", "Portuguese")),
    "pa": ("Punjabi", pgettext_lazy("language spoken", "Punjabi")),
    "ro": ("Romanian", pgettext_lazy("language spoken", "Romanian")),
    "ru": ("Russian", pgettext_lazy("language spoken", "Russian")),
    "so": ("Somali", pgettext_lazy("language spoken", "Somali")),
    "es": ("Spanish", pgettext_lazy("language spoken", "Spanish")),
    "tr": ("Turkish", pgettext_lazy("language spoken", "Turkish")),
    "uk": ("Ukrainian", pgettext_lazy("language spoken", "Ukrainian")),
    "ur": ("Urdu", pgettext_lazy("language spoken", "Urdu")),
}
CODE_BY_NAME = {name.lower(): code for code, (name, _label) in LANGUAGES.items()}
# A language as the API and the public page take it: letters, with single spaces, hyphens or apostrophes.
LANGUAGE_VALUE_RE = re.compile(r"^[^\W\d_]+(?:[ '\-][^\W\d_]+)*$")
NOTE_RE = re.compile(r"\s*\(.*\)\s*$")

FREE_FEES = frozenset({"", "free", "free.", "free of charge", "no charge", "none", "nil", "£0", "0"})


def language_base_name(name: str) -> str:
    """The language without a note: "British Sign Language (book in advance)" -> "British Sign Language"."""
    return NOTE_RE.sub("", name).strip()


def language_code(name: str) -> str:
    """The ISO 639 code of a language name, or "" for one the table does not know."""
    return CODE_BY_NAME.get(language_base_name(name).lower(), "")


def language_name(value: str) -> str:
    """A filter value (an ISO 639 code or a name, any case) as the name entries use."""
    known = LANGUAGES.get(value.strip().lower())
    return known[0] if known else value.strip()


def _cost_now(kinds: Sequence[str], day: datetime.date) -> QuerySet[CostOption]:
    return CostOption.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        service=OuterRef("pk"),
        kind__in=kinds,
    )


def filter_cost(
    services: QuerySet[Service], cost: str, *, day: datetime.date | None = None
) -> QuerySet[Service]:
    """`free` or `paid` (COST_FILTERS), by the options valid on `day` (today); "" leaves them all."""
    if not cost:
        return services
    day = day or local_today()
    kinds: Sequence[str] = [CostOption.Kind.FREE] if cost == "free" else PAID_KINDS
    return services.filter(Exists(_cost_now(kinds, day)))


def filter_delivery(services: QuerySet[Service], methods: Iterable[str]) -> QuerySet[Service]:
    """Services delivered in any of these ways (an empty list leaves them all)."""
    where = Q()
    for code in methods:
        if code in DeliveryMethod.values:
            where |= Q(delivery_methods__contains=code)
    return services.filter(where) if where else services


def language_match(name: str) -> Q:
    """The language in the service's list, whole (with or without a note in brackets), any case."""
    if not LANGUAGE_VALUE_RE.match(name):
        return Q(pk__in=[])
    # Safe in a regular expression: LANGUAGE_VALUE_RE allows no special character.
    return Q(languages__iregex=rf"(^|,)\s*{name.lower()}\s*(\([^)]*\))?\s*(,|$)")


def filter_languages(services: QuerySet[Service], languages: Iterable[str]) -> QuerySet[Service]:
    """Services in any of these languages (ISO 639 codes or names; an empty list leaves them all)."""
    where = Q()
    for value in languages:
        where |= language_match(language_name(value))
    return services.filter(where) if where else services


def language_choices(services: QuerySet[Service]) -> list[tuple[str, str]]:
    """(value, label) for every language the services offer: the ISO code and translated name where the
    table knows it, else the name as written; sorted by label."""
    found: dict[str, str] = {}
    # Each distinct list once (no ordering, or DISTINCT would be per name: a row per service).
    written = services.exclude(languages="").order_by().values_list("languages", flat=True).distinct()
    names = {language_base_name(part) for text in written for part in text.split(",")}
    for name in names:
        if not name or not LANGUAGE_VALUE_RE.match(name):
            continue
        code = CODE_BY_NAME.get(name.lower())
        if code:
            found[code] = str(LANGUAGES[code][1])
        else:
            found.setdefault(name, name)
    return sorted(found.items(), key=lambda item: item[1].lower())


def fees_mean_free(fees: str) -> bool:
    """The old free-text cost says plainly that the service is free (the staff form said "leave empty if
    it is free"), so a free option can be made for it without guessing."""
    return " ".join(fees.split()).lower() in FREE_FEES


@dataclass(frozen=True)
class CostSpec:
    """One price as a worker gives it (a CostOption without its dates, which only the admin sets)."""

    kind: str
    amount: Decimal | None = None
    option: str = ""
    amount_description: str = ""


def cost_errors(costs: Iterable[CostSpec]) -> list[str]:
    """What is wrong with these prices, in words for the staff form (empty when nothing is)."""
    errors = []
    for spec in costs:
        if spec.kind not in CostOption.Kind.values:
            errors.append(_("Choose the kind of cost."))
        elif spec.kind == CostOption.Kind.FREE and spec.amount:
            errors.append(_("A free option has no amount."))
        elif spec.kind in (CostOption.Kind.FIXED, CostOption.Kind.PER_SESSION) and spec.amount is None:
            errors.append(_("Enter the amount in pounds, like 2.50"))
        elif spec.amount is not None and spec.amount < 0:
            errors.append(_("The amount must be 0 or more."))
    return errors


_KINDS_BY_API_NAME = {label.lower(): kind for kind, label in COST_KINDS_IN_API.items()}


def _date(value: Any) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def cost_option_from_oruk(row: dict[str, Any]) -> dict[str, Any] | None:
    """An ORUK cost_option (another directory's feed) as CostOption fields with its id; None without one.

    ORUK has no kind, so it is read back as this directory sends it: an amount of 0 is free, an `option`
    that names a kind is that kind; otherwise "session" in the amount's description is per session,
    "means" anywhere is means-tested, and the rest is a fixed price.
    """
    try:
        pk = uuid.UUID(str(row.get("id")))
        amount = None if row.get("amount") is None else Decimal(str(row["amount"]))
    except (ValueError, InvalidOperation):
        return None
    option = str(row.get("option") or "").strip()[:200]
    described = str(row.get("amount_description") or "").strip()[:200]
    named = _KINDS_BY_API_NAME.get(option.lower())
    words = f"{option} {described}".lower()
    kind: str
    if amount == 0 or named == CostOption.Kind.FREE:
        kind, amount = CostOption.Kind.FREE, None
    elif named:
        kind = named
    elif "session" in described.lower():
        kind = CostOption.Kind.PER_SESSION
    elif "means" in words:
        kind = CostOption.Kind.MEANS_TESTED
    else:
        kind = CostOption.Kind.FIXED
    return {
        "id": pk,
        "kind": kind,
        "amount": amount,
        "option": "" if named else option,
        "amount_description": described,
        "valid_from": _date(row.get("valid_from")),
        "valid_to": _date(row.get("valid_to")),
    }


def language_from_oruk(row: dict[str, Any]) -> str:
    """An ORUK language as this directory writes it: "British Sign Language (book in advance)"."""
    name = str(row.get("name") or row.get("code") or "").strip()
    note = str(row.get("note") or "").strip()
    return f"{name} ({note})" if name and note else name
