import pytest

from families.models import Family
from families.tasks import caseload_transfer_task
from tests import factories

pytestmark = pytest.mark.integration


def test_a_real_worker_runs_the_task_and_history_records_the_actor(live_worker):
    team = factories.team("Integration team")
    leaving = factories.lead(team)
    staying = factories.lead(team)
    manager = factories.manager(team)
    families = [factories.family(lead_practitioner=leaving) for _ in range(3)]
    live_worker.start()
    caseload_transfer_task.delay(
        actor_id=manager.pk, from_user_id=leaving.pk, to_user_id=staying.pk, reason="Left"
    )
    live_worker.wait_for(lambda: not Family.objects.filter(lead_practitioner=leaving).exists(), timeout=60)
    for family in families:
        record = Family.objects.get(pk=family.pk).history.latest()
        assert record.history_user_id == manager.pk
        assert record.history_change_reason == "Left"
