"""The admin is configuration only (README "Who can do what", ADR 001).

Casework models are not registered. A configuration model's admin either shows it read-only or is a
`ServiceSavedAdmin`: every save (the change form, an inline, the list's editable columns) calls the app's
service with `actor=request.user`, so history names the administrator and the service's rules run; and
nothing is deleted here (configuration is retired, not deleted). tests/test_admin_is_configuration.py
walks the registry to hold every admin to one of the two.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin


class RowLabelledForm(forms.ModelForm):
    """A row of one of the admin's tables (an inline's, or the list's editable columns). Its inputs sit
    under their column's heading with no label of their own, so each is named by its column and its row
    (WCAG 1.3.1 and 4.1.2; axe's `label` rule)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        row = str(self.instance) if self.instance.pk else gettext("new row")
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "aria-label", gettext("%(column)s, %(row)s") % {"column": field.label, "row": row}
            )


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin, with one fix: a history version's address that is not a number (the
    user form's relative "../password/" link followed from a history page) is a 404, not a 500."""

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        if not str(version_id).isdigit():
            raise Http404("No such version")
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReadOnlyAdmin(HistoryAdmin):
    """Shows rows and their history; adds, changes and deletes nothing."""

    actions = None

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ServiceSavedAdmin(HistoryAdmin):
    """Saves through the app's services; subclasses write `save_through_service`. (Without delete
    permission the admin offers no "delete selected" action.)"""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_changelist_form(self, request: HttpRequest, **kwargs: Any) -> Any:
        return super().get_changelist_form(request, **{"form": RowLabelledForm, **kwargs})

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        saved = self.save_through_service(actor=request.user, obj=obj, data=form.cleaned_data, change=change)
        if saved is not obj:  # the admin carries on (inlines, its log, the redirect) with the saved row
            obj.pk = saved.pk
            obj.__dict__.update({f.attname: getattr(saved, f.attname) for f in saved._meta.concrete_fields})
            obj._state.adding = False

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for inline in formset.save(commit=False):
            self.save_inline_through_service(actor=request.user, obj=inline, parent=form.instance)
        formset.save_m2m()

    def save_through_service(self, *, actor: Any, obj: Any, data: dict[str, Any], change: bool) -> Any:
        raise NotImplementedError

    def save_inline_through_service(self, *, actor: Any, obj: Any, parent: Any) -> Any:
        raise NotImplementedError


class ServiceSavedInline(admin.TabularInline):
    """An inline whose new rows the parent admin saves through a service; existing rows are not edited or
    deleted here (the parent's service has no such path)."""

    form = RowLabelledForm
    extra = 0
    can_delete = False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
