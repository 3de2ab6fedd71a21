"""The demo runs on SQLite, which has no row locks: simultaneous requests must queue, not fail."""

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("sqlite_race.py")


def test_simultaneous_pot_requests_on_the_demo_database_are_refused_cleanly_not_crashed(tmp_path):
    run = subprocess.run(  # noqa: S603 - our own script with the venv's Python
        [sys.executable, str(SCRIPT), str(tmp_path)], capture_output=True, text=True, timeout=300, check=False
    )
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    # Without BEGIN IMMEDIATE, 19 of 20 failed with "database is locked" (a server error page each).
    assert result["crashed"] == []
    assert len(result["approved"]) == 10  # £300 buys ten £30 requests
    assert len(result["refused"]) == 10
    assert all("not enough money left in the pot" in message for message in result["refused"])
    assert (result["available"], result["committed"]) == ("0.00", "300.00")
