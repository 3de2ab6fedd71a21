"""The measuring part of `manage.py bench`: timings, the SQL floor, the report.

A page: `repeat` in-process requests through the test client (server time only), one more under
CaptureQueriesContext for the query count and SQL, and the "floor": that SQL alone re-run `repeat` times
on a cursor in a rolled-back transaction. The ratio is page p95 / floor p95. A callable: median and p95 of
`repeat` calls, then one call under tracemalloc for the peak heap (never timed); it may cap its runs
(`max_repeat`), skip the memory run (`measure_memory=False`) and stop what its setup started (`teardown`).
A benchmark with `skip` set is reported as skipped, with the reason."""

import importlib
import math
import statistics
import time
import traceback
import tracemalloc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from devtools.bench import BenchContext, Benchmark, CallableBenchmark, PageBenchmark

WARMUP = 3
# Transaction control the ORM adds around writes; not part of the page's essential SQL.
_SKIP_PREFIXES = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "BEGIN", "COMMIT", "ROLLBACK")
# One module per measured app, named by its label: devtools/benches/families.py, ...
BENCHES_PACKAGE = "devtools.benches"
_NOT_MEASURED = {"core", "devtools"}


def percentile(values: Iterable[float], p: float) -> float:
    """The p-th percentile (0-100) with linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("percentile of no values")
    if not 0 <= p <= 100:
        raise ValueError("p must be between 0 and 100")
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Result:
    app: str
    name: str
    kind: str  # "page" or "callable"
    median_ms: float | None = None
    p95_ms: float | None = None
    target_p95_ms: float | None = None
    url: str = ""
    status: int | None = None
    queries: int | None = None
    max_queries: int | None = None
    floor_median_ms: float | None = None
    floor_p95_ms: float | None = None
    ratio: float | None = None  # page p95 / floor p95
    target_ratio: float | None = None
    slowest_sql_ms: float | None = None
    slowest_sql: str = ""
    sql: list[str] = field(default_factory=list)
    peak_mb: float | None = None
    target_peak_mb: float | None = None
    failures: list[str] = field(default_factory=list)
    error: str = ""
    skipped: str = ""  # why it was not run
    runs: int | None = None  # timed runs, when fewer than --repeat (a callable's max_repeat)
    compared_with: str = ""  # another page of the same app, and the median's (or p95's) slowdown against it
    slowdown: float | None = None
    max_slowdown: float | None = None
    compared_on: str = "median"

    @property
    def missed(self) -> bool:
        """It ran and missed a target, or failed to run."""
        return bool(self.failures or self.error)

    @property
    def passed(self) -> bool:
        return not self.missed and not self.skipped

    def check_targets(self) -> None:
        if self.status is not None and self.status >= 400:
            self.failures.append(f"answered {self.status}")
        if self.target_p95_ms is not None and self.p95_ms is not None and self.p95_ms > self.target_p95_ms:
            self.failures.append(f"p95 {self.p95_ms:.1f} ms > {self.target_p95_ms:g} ms")
        if self.target_ratio is not None and self.ratio is not None and self.ratio > self.target_ratio:
            self.failures.append(f"p95/floor {self.ratio:.1f}x > {self.target_ratio:g}x")
        if self.max_queries is not None and self.queries is not None and self.queries > self.max_queries:
            self.failures.append(f"{self.queries} queries > {self.max_queries}")
        if self.max_slowdown is not None and self.slowdown is not None and self.slowdown > self.max_slowdown:
            self.failures.append(
                f"{self.compared_on} {self.slowdown:+.0%} against {self.compared_with!r} "
                f"> +{self.max_slowdown:.0%}"
            )
        if (
            self.target_peak_mb is not None
            and self.peak_mb is not None
            and self.peak_mb > self.target_peak_mb
        ):
            self.failures.append(f"peak {self.peak_mb:.1f} MB > {self.target_peak_mb:g} MB")


def collect_benchmarks(
    ctx: BenchContext, *, apps_only: set[str] | None = None
) -> list[tuple[str, Benchmark]]:
    """(app label, benchmark) from `devtools.benches.<label>` for every project app; an app without
    a module there is skipped.

    With `apps_only`, other apps' modules are not called at all (their setup can build large datasets).

    A module that fails to import or to build its list stops the run, naming the app.
    """
    collected: list[tuple[str, Benchmark]] = []
    base = Path(settings.BASE_DIR).resolve()
    for app_config in apps.get_app_configs():
        if not Path(app_config.path).resolve().is_relative_to(base) or app_config.name in _NOT_MEASURED:
            continue  # third-party apps; core has no pages; devtools is the bench itself
        if apps_only is not None and app_config.label not in apps_only:
            continue
        name = f"{BENCHES_PACKAGE}.{app_config.label}"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise RuntimeError(f"{name} could not be imported: {exc}") from exc
        if not hasattr(module, "benchmarks"):
            raise RuntimeError(f"{name} has no benchmarks(ctx) function")
        try:
            items = list(module.benchmarks(ctx))
        except Exception as exc:
            raise RuntimeError(f"{name}.benchmarks(ctx) failed: {exc!r}") from exc
        collected.extend((app_config.label, item) for item in items)
    return collected


class PageRunner:
    def __init__(self, repeat: int, warmup: int = WARMUP) -> None:
        self.repeat = repeat
        self.warmup = warmup
        self._clients: dict[Any, Client] = {}
        if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    def client_for(self, user: Any, without_middleware: tuple[str, ...] = ()) -> Client:
        # A client loads the middleware on its first request, so each set of middleware has its own.
        key = (getattr(user, "pk", None), without_middleware)
        if key not in self._clients:
            client = Client()
            if user is not None:
                client.force_login(user)  # once: the timed requests then carry a real session cookie
            self._clients[key] = client
        return self._clients[key]

    def _request(self, bench: PageBenchmark) -> int:
        client = self.client_for(bench.user, bench.without_middleware)
        middleware = [m for m in settings.MIDDLEWARE if m not in bench.without_middleware]
        # One client sends every request: the directory API's per-address limit is not what is measured.
        with override_settings(MIDDLEWARE=middleware, DIRECTORY_API_RATE_LIMIT="1000000/s"):
            if bench.method.upper() == "POST":
                response = client.post(bench.url, bench.data or {}, headers=bench.headers)
            else:
                response = client.get(bench.url, bench.data or {}, headers=bench.headers)
        return response.status_code

    def run(self, app: str, bench: PageBenchmark) -> Result:
        return self.run_together(app, [bench])[0]

    def run_together(self, app: str, benches: list[PageBenchmark]) -> list[Result]:
        """Measure pages with their timed requests interleaved (a, b, a, b, ...), so a page and the one
        it is compared with see the same machine: load that comes and goes slows both alike. Pages that
        change the data first (`prepare`) are measured one after the other instead, each on its data."""
        if any(bench.prepare for bench in benches):
            measured = []
            for bench in benches:
                try:
                    if bench.prepare:
                        bench.prepare()
                    measured += self._interleaved(app, [bench])
                finally:
                    if bench.teardown:
                        bench.teardown()
            return measured
        return self._interleaved(app, benches)

    def _interleaved(self, app: str, benches: list[PageBenchmark]) -> list[Result]:
        results = [_page_result(app, bench) for bench in benches]
        timings: list[list[float]] = [[] for _ in benches]
        for run in range(self.warmup + self.repeat):
            for index, bench in enumerate(benches):
                if bench.setup:
                    bench.setup()
                started = time.perf_counter()
                status = self._request(bench)
                if run >= self.warmup:
                    timings[index].append((time.perf_counter() - started) * 1000)
                    results[index].status = status
        for result, bench, times in zip(results, benches, timings, strict=True):
            result.median_ms = statistics.median(times)
            result.p95_ms = percentile(times, 95)
            self._measure_sql(result, bench)
        return results

    def _measure_sql(self, result: Result, bench: PageBenchmark) -> None:
        if bench.setup:
            bench.setup()
        with CaptureQueriesContext(connection) as captured:
            self._request(bench)
        statements = essential_sql(q["sql"] for q in captured.captured_queries)
        result.queries = len(captured.captured_queries)
        result.sql = statements
        floor = measure_floor(statements, self.repeat)
        result.floor_median_ms = floor.median_ms
        result.floor_p95_ms = floor.p95_ms
        result.slowest_sql, result.slowest_sql_ms = floor.slowest_sql, floor.slowest_ms
        if floor.p95_ms > 0 and result.p95_ms is not None:
            result.ratio = result.p95_ms / floor.p95_ms
        result.check_targets()


def _page_result(app: str, bench: PageBenchmark) -> Result:
    return Result(
        app=app,
        name=bench.name,
        kind="page",
        url=bench.url,
        target_p95_ms=bench.target_p95_ms,
        target_ratio=bench.target_ratio,
        max_queries=bench.max_queries,
        compared_with=bench.compare_with,
        max_slowdown=bench.max_slowdown,
        compared_on=bench.compare_on,
    )


def essential_sql(statements: Iterable[str]) -> list[str]:
    return [s for s in statements if not s.lstrip().upper().startswith(_SKIP_PREFIXES)]


@dataclass
class Floor:
    median_ms: float
    p95_ms: float
    slowest_sql: str
    slowest_ms: float


def measure_floor(statements: list[str], repeat: int) -> Floor:
    """Time `statements` run one after another on a plain cursor, `repeat` times (after one warm-up)."""
    totals: list[float] = []
    per_statement: list[list[float]] = [[] for _ in statements]
    for run in range(repeat + 1):
        with transaction.atomic():
            with connection.cursor() as cursor:
                total = 0.0
                for index, sql in enumerate(statements):
                    started = time.perf_counter()
                    cursor.execute(sql)
                    if cursor.description is not None:
                        cursor.fetchall()
                    elapsed = (time.perf_counter() - started) * 1000
                    total += elapsed
                    if run:
                        per_statement[index].append(elapsed)
            transaction.set_rollback(True)
        if run:
            totals.append(total)
    if not statements:
        return Floor(0.0, 0.0, "", 0.0)
    medians = [statistics.median(t) for t in per_statement]
    slowest = max(range(len(statements)), key=lambda i: medians[i])
    return Floor(statistics.median(totals), percentile(totals, 95), statements[slowest], medians[slowest])


def run_callable(app: str, bench: CallableBenchmark, repeat: int, warmup: int = 1) -> Result:
    result = Result(
        app=app,
        name=bench.name,
        kind="callable",
        target_p95_ms=bench.target_p95_ms,
        target_peak_mb=bench.target_peak_mb,
    )
    if bench.max_repeat is not None and bench.max_repeat < repeat:
        repeat = result.runs = bench.max_repeat
    try:
        for _ in range(warmup):
            if bench.setup:
                bench.setup()
            bench.fn()
        timings: list[float] = []
        for _ in range(repeat):
            if bench.setup:
                bench.setup()
            started = time.perf_counter()
            bench.fn()
            timings.append((time.perf_counter() - started) * 1000)
        result.median_ms = statistics.median(timings)
        result.p95_ms = percentile(timings, 95)
        if bench.measure_memory:
            if bench.setup:
                bench.setup()
            tracemalloc.start()
            try:
                bench.fn()
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
            result.peak_mb = peak / (1024 * 1024)
    finally:
        if bench.teardown:
            bench.teardown()
    result.check_targets()
    return result


def skipped(app: str, bench: Benchmark) -> Result:
    """The result of a benchmark that cannot run here: its targets and the reason, no figures."""
    if isinstance(bench, PageBenchmark):
        return Result(
            app=app,
            name=bench.name,
            kind="page",
            url=bench.url,
            target_p95_ms=bench.target_p95_ms,
            target_ratio=bench.target_ratio,
            max_queries=bench.max_queries,
            skipped=bench.skip,
        )
    return Result(
        app=app,
        name=bench.name,
        kind="callable",
        target_p95_ms=bench.target_p95_ms,
        target_peak_mb=bench.target_peak_mb,
        skipped=bench.skip,
    )


def run_all(
    benchmarks: list[tuple[str, Benchmark]],
    repeat: int,
    log: Callable[[str], None],
    report: Callable[[Result], None] = lambda _: None,
) -> list[Result]:
    """Every benchmark in turn (`report` is told of each result). A page that names another to compare
    with is measured together with it (interleaved), then the comparisons are made."""
    pages = PageRunner(repeat)
    pages_by_name = {(app, b.name): b for app, b in benchmarks if isinstance(b, PageBenchmark) and not b.skip}
    partners = {
        (app, b.compare_with): b
        for app, b in benchmarks
        if isinstance(b, PageBenchmark) and (app, b.compare_with) in pages_by_name and not b.skip
    }
    results: list[Result] = []
    for app, bench in benchmarks:
        if (app, bench.name) in partners:
            continue  # measured with the page that is compared with it
        try:
            if bench.skip:
                measured = [skipped(app, bench)]
            elif isinstance(bench, PageBenchmark) and (app, bench.compare_with) in pages_by_name:
                measured = pages.run_together(app, [pages_by_name[(app, bench.compare_with)], bench])
            elif isinstance(bench, PageBenchmark):
                measured = [pages.run(app, bench)]
            else:
                measured = [run_callable(app, bench, repeat)]
        except Exception as exc:
            failed = Result(
                app=app, name=bench.name, kind="page" if isinstance(bench, PageBenchmark) else "callable"
            )
            failed.error = f"{exc!r}"
            log(f"ERROR {app}: {bench.name}\n{traceback.format_exc()}")
            measured = [failed]
        compare(measured)
        for result in measured:
            results.append(result)
            report(result)
    compare(results)
    return results


def compare(results: list[Result]) -> None:
    """Each page that names another to compare with: its median's (or p95's) slowdown against that page's."""
    by_name = {(r.app, r.name): r for r in results}
    for result in results:
        if not result.compared_with or result.median_ms is None:
            continue
        other = by_name.get((result.app, result.compared_with))
        mine, theirs = (
            (result.p95_ms, other.p95_ms if other else None)
            if result.compared_on == "p95"
            else (result.median_ms, other.median_ms if other else None)
        )
        if other is None or not theirs or mine is None:
            result.error = result.error or f"nothing to compare with: no {result.compared_with!r} result"
            continue
        result.slowdown = mine / theirs - 1
        result.failures = []
        result.check_targets()
