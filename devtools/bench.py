"""The contract between `manage.py bench` and the apps that add benchmarks.

Each measured app may have a module `devtools/benches/<app label>.py` with
`benchmarks(ctx: BenchContext) -> list[Benchmark]`. The runner
measures every benchmark `ctx.repeat` times and reports median and 95th-percentile time, query count,
the time of the same SQL run alone (the floor) and the ratio, plus peak memory for callables.

A benchmark that cannot run here (a service it needs is not configured) is still listed, with `skip`
set to the reason: it is reported as skipped, neither passed nor a missed target.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class BenchContext:
    scale: int
    repeat: int
    # Realistic users picked from the dataset by the runner (a lead with a full caseload, their manager).
    lead: Any = None
    manager: Any = None
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass
class PageBenchmark:
    """A GET (or POST) of one page as `user`, through Django's test client, in-process."""

    name: str
    user: Any
    url: str
    method: str = "GET"
    data: dict[str, Any] | None = None
    target_p95_ms: float | None = None
    target_ratio: float | None = None
    max_queries: int | None = None
    setup: Callable[[], None] | None = None  # run before each repetition, not timed
    skip: str = ""  # why it cannot run here; not run when set
    # Middleware left out for this page (dotted paths): to measure what one layer costs.
    without_middleware: tuple[str, ...] = ()
    # The name of another page benchmark of the same app to compare with, and how much slower (a
    # fraction of its median: 0.10 is 10%) this one may be.
    compare_with: str = ""
    max_slowdown: float | None = None
    compare_on: str = "median"  # or "p95": which of the two times the slowdown compares
    # Run once before this page's runs, not timed (it changes the data the page reads). A page with one
    # is measured on its own, after the page it is compared with, not interleaved with it.
    prepare: Callable[[], None] | None = None
    teardown: Callable[[], None] | None = None  # run after its runs, even when one failed (undoes prepare)
    headers: dict[str, str] = field(default_factory=dict)  # sent with every request (prepare may fill it)


@dataclass
class CallableBenchmark:
    """Any timed piece of work (a PDF render, a service call); peak memory is reported too."""

    name: str
    fn: Callable[[], Any]
    target_p95_ms: float | None = None
    target_peak_mb: float | None = None
    setup: Callable[[], None] | None = None  # run before each repetition, not timed
    # Run once after the last repetition, even when one failed (to stop what `setup` started).
    teardown: Callable[[], None] | None = None
    # At most this many timed runs, whatever --repeat says: for work that takes seconds.
    max_repeat: int | None = None
    # False when the work happens in other processes, where this process's heap says nothing.
    measure_memory: bool = True
    skip: str = ""  # why it cannot run here; not run when set


Benchmark = PageBenchmark | CallableBenchmark


class RolledBack:
    """Data made for one benchmark inside a transaction that `rollback` undoes, so the bench database
    keeps its dataset for the next benchmark and the next run. `begin` is idempotent."""

    _atomic: Any = None

    def begin(self) -> None:
        from django.db import transaction

        if self._atomic is None:
            self._atomic = transaction.atomic()
            self._atomic.__enter__()

    def rollback(self) -> bool:
        """Undo everything since `begin`; False when nothing was begun."""
        from django.db import transaction

        if self._atomic is None:
            return False
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)
        self._atomic = None
        return True
