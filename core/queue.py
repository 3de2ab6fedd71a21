"""Queue a Celery task by its name.

A service queues the task that calls it back by name, so the services module never imports the
tasks module (which imports the services). The name is looked up in the app's task registry rather
than published with `send_task`: `send_task` ignores CELERY_TASK_ALWAYS_EAGER, so the tests and the
demo would never run the task, and it would skip the task's own options.
"""

import threading
from typing import Any

from celery import current_app
from celery.app.task import Task

_discovery = threading.Lock()


def registered_task(name: str) -> Task:
    """The task called `name`. A web process imports no tasks module by itself, so the first look-up
    imports every installed app's `tasks` module, as a worker does when it starts."""
    tasks = current_app.tasks
    if name not in tasks:
        # One thread imports the tasks modules; the others wait for it rather than look too early
        # (threads of one web process answering at once, the first time a task is queued).
        with _discovery:
            if name not in tasks:
                current_app.autodiscover_tasks(force=True)
    return tasks[name]


def task_enqueue(name: str, *args: Any) -> Any:
    """Queue the task called `name` with these arguments (run here and now in eager mode)."""
    return registered_task(name).delay(*args)
