"""Who gets what on every voice URL (complaints, suggestions, surveys, "you said, we did"): each part of the app lists its rows in its own
`access_rows_<part>.py` (ROWS), gathered here for tests/test_access_matrix.py."""

import importlib
import pkgutil

from tests.access import AccessRow

ROWS: list[AccessRow] = []
for _module in pkgutil.iter_modules(importlib.import_module("tests.voice").__path__):
    if _module.name.startswith("access_rows_"):
        ROWS.extend(importlib.import_module(f"tests.voice.{_module.name}").ROWS)
