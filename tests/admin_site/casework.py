"""The casework models: none of them answers in the admin, for anyone (README "Who can do what")."""

from django.apps import apps

CASEWORK_APPS = ("families", "assessments", "plans", "agencies")
# Configuration, and the morning reminders sent to workers (counts only, shown read-only).
CONFIGURATION = {"assessments.Framework", "assessments.Domain", "plans.ReminderSent"}
CASEWORK_ELSEWHERE = {
    "pots.HelpRequest",
    "pots.LedgerEntry",
    "timesheets.TimeRecord",
    "timesheets.RunningTimer",
    "timesheets.ObservedFormTime",
}


def casework_models(*, historical: bool = False) -> list[type]:
    found = []
    for model in apps.get_models():
        label = model._meta.label
        is_historical = model.__name__.startswith("Historical")
        if is_historical != historical:
            continue
        base = label.replace(".Historical", ".") if is_historical else label
        if base in CONFIGURATION:
            continue
        if model._meta.app_label in CASEWORK_APPS or base in CASEWORK_ELSEWHERE:
            found.append(model)
    return found


def admin_path(model: type, view: str = "changelist", pk: int = 1) -> str:
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    return base if view == "changelist" else f"{base}{pk}/{view}/" if view != "add" else f"{base}add/"
