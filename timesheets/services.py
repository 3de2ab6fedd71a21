"""Every write to time records, the running timer and observed form time.

A worker records only their own time, so the actor is the worker. Each write runs in one transaction,
holds a lock on the worker's row while it checks the day's total (two tabs saving at once cannot pass
24 hours together), and records the actor and reason on the history, so corrections can be traced.
"""

import datetime
import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.calendar import today
from core.history import save_with_actor as _save
from families import services as family_services
from families.models import CaseNote, Family
from families.permissions import families_visible_to
from staff.models import User
from timesheets.models import MINUTES_IN_A_DAY, ObservedFormTime, RunningTimer, TimeCategory, TimeRecord


def format_minutes(minutes: int) -> str:
    """Minutes as people say them: "2 hours 5 minutes", "45 minutes"."""
    hours, rest = divmod(int(minutes), 60)
    parts = []
    if hours:
        parts.append(_("1 hour") if hours == 1 else _("%(n)d hours") % {"n": hours})
    if rest or not hours:
        parts.append(_("1 minute") if rest == 1 else _("%(n)d minutes") % {"n": rest})
    return " ".join(parts)


def _check(
    *,
    worker: User,
    date: datetime.date,
    minutes: int,
    category: TimeCategory,
    family: Family | None,
    exclude_pk: int | None = None,
) -> None:
    errors: dict[str, str] = {}
    if minutes is None or minutes <= 0:
        errors["minutes"] = _("Enter the time spent, more than 0 minutes")
    elif minutes > MINUTES_IN_A_DAY:
        errors["minutes"] = _("Time spent must be 24 hours (1440 minutes) or less")
    if date > today():
        errors["date"] = _("The date must be today or in the past")
    if category is None or not category.is_active:
        errors["category"] = _("Choose what the time was spent on")
    if family is not None and not families_visible_to(worker).filter(pk=family.pk).exists():
        errors["family"] = _("Choose a family you work with, or leave the family blank")
    if errors:
        raise ValidationError(errors)
    # Lock the worker's row so two saves at once cannot together pass 24 hours in a day.
    User.objects.select_for_update().filter(pk=worker.pk).first()
    others = TimeRecord.objects.filter(worker=worker, date=date)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    already = others.aggregate(total=Sum("minutes"))["total"] or 0
    if already + minutes > MINUTES_IN_A_DAY:
        raise ValidationError(
            {
                "minutes": _(
                    "You have already recorded %(already)s on %(date)s. A day has 24 hours, so you can "
                    "add at most %(left)s."
                )
                % {
                    "already": format_minutes(already),
                    "date": date_format(date, "j F Y"),
                    "left": format_minutes(MINUTES_IN_A_DAY - already),
                }
            }
        )


@transaction.atomic
def time_record_add(
    *,
    actor: User,
    date: datetime.date,
    minutes: int,
    category: TimeCategory,
    family: Family | None = None,
    note: str = "",
    reason: str = "",
) -> TimeRecord:
    _check(worker=actor, date=date, minutes=minutes, category=category, family=family)
    record = TimeRecord(
        worker=actor, date=date, minutes=minutes, category=category, family=family, note=note.strip()
    )
    _save(record, actor=actor, reason=reason)
    return record


# The time a note's minutes are recorded as: the kind of work each type of contact usually is.
NOTE_TIME_KINDS = {
    CaseNote.Kind.VISIT: TimeCategory.Kind.DIRECT,
    CaseNote.Kind.CALL: TimeCategory.Kind.DIRECT,
    CaseNote.Kind.MEETING: TimeCategory.Kind.MEETINGS,
    CaseNote.Kind.NOTE: TimeCategory.Kind.RECORDING,
}


def time_category_for_note(kind: str) -> TimeCategory | None:
    """The active category a note's minutes go to: its kind's first, else direct work, else any."""
    active = TimeCategory.objects.filter(is_active=True).order_by("order", "name")
    wanted = NOTE_TIME_KINDS.get(kind, TimeCategory.Kind.DIRECT)  # type: ignore[call-overload]
    return (
        active.filter(kind=wanted).first()
        or active.filter(kind=TimeCategory.Kind.DIRECT).first()
        or active.first()
    )


@transaction.atomic
def case_note_add_with_time(
    *,
    actor: User,
    family: Family,
    kind: str,
    text: str,
    occurred_on: datetime.date | None = None,
    minutes: int | None = None,
    shared_with_family: bool = False,
) -> tuple[CaseNote, TimeRecord | None]:
    """A visit, call or meeting written once: the note on the family's chronology and, when the worker
    gives the minutes, the time on their week, both or neither (one transaction). The date is today
    unless given; the author is the actor."""
    occurred_on = occurred_on or today()
    note = family_services.case_note_add(
        actor=actor,
        family=family,
        occurred_on=occurred_on,
        kind=kind,
        text=text,
        shared_with_family=shared_with_family,
    )
    if minutes is None:
        return note, None
    try:
        record = time_record_add(
            actor=actor,
            date=occurred_on,
            minutes=minutes,
            category=time_category_for_note(kind),  # type: ignore[arg-type]
            family=family,
            note=note.get_kind_display(),
            reason=_("Recorded with a case note"),
        )
    except ValidationError as exc:
        # The note's form calls its date "occurred_on"; the time's errors are shown against it there.
        errors = {"occurred_on" if k == "date" else k: v for k, v in exc.message_dict.items()}
        raise ValidationError(errors) from None
    return note, record


@transaction.atomic
def time_record_change(
    *,
    actor: User,
    record: TimeRecord,
    date: datetime.date,
    minutes: int,
    category: TimeCategory,
    family: Family | None = None,
    note: str = "",
    reason: str = "",
) -> TimeRecord:
    if record.worker_id != actor.pk:
        raise ValidationError(_("You can only correct your own time."))
    _check(worker=actor, date=date, minutes=minutes, category=category, family=family, exclude_pk=record.pk)
    record = TimeRecord.objects.select_for_update().get(pk=record.pk)
    record.date, record.minutes, record.category, record.family = date, minutes, category, family
    record.note = note.strip()
    _save(record, actor=actor, reason=reason or _("Corrected"))
    return record


@transaction.atomic
def time_record_delete(*, actor: User, record: TimeRecord, reason: str = "") -> None:
    if record.worker_id != actor.pk:
        raise ValidationError(_("You can only correct your own time."))
    record._history_user = actor  # type: ignore[attr-defined]
    record._change_reason = reason or _("Removed")  # type: ignore[attr-defined]
    record.delete()


@transaction.atomic
def timer_start(
    *, actor: User, category: TimeCategory, family: Family | None = None, note: str = ""
) -> RunningTimer:
    if category is None or not category.is_active:
        raise ValidationError({"category": _("Choose what the time is for")})
    if family is not None and not families_visible_to(actor).filter(pk=family.pk).exists():
        raise ValidationError({"family": _("Choose a family you work with, or leave the family blank")})
    try:
        with transaction.atomic():
            return RunningTimer.objects.create(
                worker=actor, started_at=timezone.now(), category=category, family=family, note=note.strip()
            )
    except IntegrityError:
        raise ValidationError(_("Your timer is already running. Stop it before starting another.")) from None


def timer_elapsed_minutes(timer: RunningTimer, *, now: datetime.datetime | None = None) -> int:
    """Whole minutes, rounded up: a 20-second call still took the worker's attention."""
    seconds = ((now or timezone.now()) - timer.started_at).total_seconds()
    return max(1, math.ceil(seconds / 60))


@transaction.atomic
def timer_stop(*, actor: User) -> TimeRecord:
    timer = (
        RunningTimer.objects.select_for_update(of=("self",))
        .filter(worker=actor)
        .select_related("category", "family")
        .first()
    )
    if timer is None:
        raise ValidationError(_("Your timer is not running."))
    minutes = timer_elapsed_minutes(timer)
    if minutes > MINUTES_IN_A_DAY:
        raise ValidationError(
            _("The timer has been running for more than a day. Discard it and enter the time by hand.")
        )
    started_on = timezone.localdate(timer.started_at)
    record = time_record_add(
        actor=actor,
        date=started_on,
        minutes=minutes,
        category=timer.category,
        family=timer.family,
        note=timer.note,
        reason=_("Timed"),
    )
    timer.delete()
    return record


@transaction.atomic
def timer_discard(*, actor: User) -> bool:
    deleted, _counts = RunningTimer.objects.filter(worker=actor).delete()
    return bool(deleted)


def observed_form_time_record(
    *, worker: User, seconds: float, view_name: str, form_name: str = ""
) -> ObservedFormTime | None:
    """Record time the system saw a worker spend on one of its forms (no actor: nobody typed it)."""
    if seconds < 0:
        return None
    cap = settings.TIME_OBSERVED_FORM_CAP_SECONDS
    now = timezone.now()
    return ObservedFormTime.objects.create(
        worker=worker,
        date=timezone.localdate(now),
        seconds=min(round(seconds), cap),
        view_name=view_name[:120],
        form_name=form_name[:120],
        observed_at=now,
    )


@transaction.atomic
def time_category_save(*, actor: User | None, category: TimeCategory, reason: str = "") -> TimeCategory:
    """Add, rename, reorder or retire a time category (never deleted: records point at it)."""
    category.full_clean()
    _save(category, actor=actor, reason=reason or ("Category changed" if category.pk else "Category added"))
    return category
