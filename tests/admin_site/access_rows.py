"""The admin for every casework model: nothing there. The administrator gets 404 (the model is not
registered); everyone else is sent to sign in to the admin (302)."""

from tests.access import STAFF_SIDE_ROLES, AccessRow
from tests.admin_site.casework import admin_path, casework_models

NOT_IN_THE_ADMIN = {role: 302 for role in STAFF_SIDE_ROLES} | {"admin": 404}


def _rows() -> list[AccessRow]:
    rows = []
    for model in casework_models():
        for view in ("changelist",):  # the other views: tests/admin_site/test_admin_is_configuration.py
            name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
            rows.append(AccessRow(name, lambda cast, m=model, v=view: admin_path(m, v), NOT_IN_THE_ADMIN))
    return rows


ROWS = _rows()
