from typing import Any

import pytest

from tests import factories
from tests.directory import factories as directory_factories


@pytest.fixture
def owner(db: Any) -> Any:
    team = factories.team("Directory team")
    return factories.lead(team, first_name="Olive", last_name="Owner", email="olive@council.example")


@pytest.fixture
def full_service(owner: Any) -> Any:
    return directory_factories.full_service(owner=owner, name="Debt advice drop-in")
