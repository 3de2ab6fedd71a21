"""Run by tests/pots/test_sqlite_concurrency.py in its own process: 20 lead workers ask a pot on the demo's
file-based SQLite database for £30 each at the same moment. Prints a JSON summary.

A separate process because pytest-django's SQLite test database is in memory, and the demo's is a file.
"""

import json
import os
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{Path(sys.argv[1]) / 'demo.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.core.exceptions import ValidationError  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402

from pots import selectors  # noqa: E402
from tests import factories  # noqa: E402
from tests.pots import helpers as h  # noqa: E402

WORKERS = 20

call_command("migrate", verbosity=0)
team = factories.team("Norwich North")
lead = factories.lead(team)
manager = factories.manager(team)
pot = h.pot(manager, limit="100.00", cap="5000.00")
h.contribute(manager, pot, "300.00")
families = [factories.family(lead_practitioner=lead) for _ in range(4)]
goals = {f.pk: h.goal(f) for f in families}
connections.close_all()

barrier = threading.Barrier(WORKERS)
lock = threading.Lock()
result: dict[str, list[str]] = {"approved": [], "refused": [], "crashed": []}


def ask(i: int) -> None:
    family = families[i % len(families)]
    try:
        barrier.wait(timeout=30)
        h.ask(lead, family, "30.00", the_goal=goals[family.pk], payee=f"Payee {i}")
        outcome, text = "approved", str(i)
    except ValidationError as exc:
        outcome, text = "refused", " ".join(exc.messages)
    except Exception as exc:  # "database is locked" and the like: a 500 for the user
        outcome, text = "crashed", repr(exc)
    finally:
        connections.close_all()
    with lock:
        result[outcome].append(text)


threads = [threading.Thread(target=ask, args=(i,)) for i in range(WORKERS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(timeout=120)
balance = selectors.pot_balance(pot=pot)
print(json.dumps({**result, "available": str(balance.available), "committed": str(balance.committed)}))
