"""The family's own pages in the access matrix: each part of issue 11 lists its rows in its own module."""

from tests.family_portal.actions_access_rows import ROWS as ACTION_ROWS

ROWS = [*ACTION_ROWS]
