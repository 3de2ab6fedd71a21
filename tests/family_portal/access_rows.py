"""Who gets what on every family_portal URL: each part of the app lists its rows in its own
`access_rows_<part>.py` (ROWS), gathered here for tests/test_access_matrix.py."""

import importlib
import pkgutil

from tests.access import AccessRow

ROWS: list[AccessRow] = []
for _module in pkgutil.iter_modules(importlib.import_module("tests.family_portal").__path__):
    if _module.name.startswith("access_rows_"):
        ROWS.extend(importlib.import_module(f"tests.family_portal.{_module.name}").ROWS)
