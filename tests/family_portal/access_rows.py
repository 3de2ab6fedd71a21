"""Access rows of the family's own pages and the staff's letters to post. Each part of the family's
pages keeps its rows in its own `access_rows_<part>.py`; this module gathers them all."""

import importlib
import pkgutil
from pathlib import Path

from tests.access import AccessRow

ROWS: list[AccessRow] = []
for _module in pkgutil.iter_modules([str(Path(__file__).parent)]):
    if _module.name.startswith("access_rows_"):
        ROWS.extend(importlib.import_module(f"{__package__}.{_module.name}").ROWS)
