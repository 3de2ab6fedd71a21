"""Consistency checks a council can run any day, and after every restore (`manage.py check_consistency`).

Each app that owns an invariant the database cannot state on its own registers a check here, in its
`consistency.py` module (found at start-up like admin.py): a function that yields one plain sentence per
problem found. core knows no app; it runs what was registered, and checks the field history itself, since
every app records it the same way (django-simple-history).
"""

from collections.abc import Callable, Iterator

from django.apps import apps
from django.utils.module_loading import autodiscover_modules

Check = Callable[[], Iterator[str]]
_CHECKS: dict[str, Check] = {}


def register(name: str) -> Callable[[Check], Check]:
    def add(check: Check) -> Check:
        _CHECKS[name] = check
        return check

    return add


def checks() -> dict[str, Check]:
    autodiscover_modules("consistency")
    return dict(sorted(_CHECKS.items()))


@register("history: every history row has its record, or the record's deletion is in the history")
def history_rows_have_their_object() -> Iterator[str]:
    for model in apps.get_models():
        manager = getattr(model._meta, "simple_history_manager_attribute", None)
        if manager is None:
            continue
        history = getattr(model, manager).model
        key = model._meta.pk.attname
        live = model._default_manager.values(key)
        deleted = history.objects.filter(history_type="-").values(key)
        orphans = (
            history.objects.exclude(**{f"{key}__in": live})
            .exclude(**{f"{key}__in": deleted})
            .values_list(key, flat=True)
            .distinct()
        )
        missing = list(orphans[:6])
        if missing:
            shown = ", ".join(str(pk) for pk in missing[:5]) + (" and more" if len(missing) > 5 else "")
            yield (
                f"{model._meta.label}: history rows for id {shown} have no record and no deletion in the history"
            )
