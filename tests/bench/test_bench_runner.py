import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from guardian.shortcuts import get_objects_for_user

from devtools import bench_report, bench_runner
from devtools.bench import BenchContext, CallableBenchmark, PageBenchmark
from devtools.benches import agencies as agencies_bench
from devtools.benches import families as families_bench
from families import permissions
from families.models import Family, RecordLook
from staff.models import User


def test_percentile_interpolates_between_ranks():
    assert bench_runner.percentile([1, 2, 3, 4, 5], 50) == 3
    assert bench_runner.percentile([1, 2, 3, 4], 50) == 2.5
    assert bench_runner.percentile(range(1, 101), 95) == pytest.approx(95.05)
    assert bench_runner.percentile([7], 95) == 7
    assert bench_runner.percentile([5, 1, 3], 0) == 1
    assert bench_runner.percentile([5, 1, 3], 100) == 5
    with pytest.raises(ValueError):
        bench_runner.percentile([], 50)


def test_targets_are_checked_and_described():
    result = bench_runner.Result(
        app="families",
        name="Caseload",
        kind="page",
        median_ms=40,
        p95_ms=120,
        target_p95_ms=100,
        queries=6,
        floor_median_ms=10,
        ratio=6.0,
        target_ratio=4,
        status=200,
    )
    result.check_targets()
    assert not result.passed
    assert result.failures == ["p95 120.0 ms > 100 ms", "p95/floor 6.0x > 4x"]
    assert bench_report.describe(result).startswith("FAIL families: Caseload")


def test_transaction_control_is_not_part_of_the_floor():
    statements = ['SAVEPOINT "s1"', "SELECT 1", 'RELEASE SAVEPOINT "s1"', "UPDATE x SET y = 1"]
    assert bench_runner.essential_sql(statements) == ["SELECT 1", "UPDATE x SET y = 1"]


def test_the_report_keeps_hand_written_text_around_the_table(tmp_path, db):
    path = tmp_path / "performance.md"
    path.write_text(
        f"# Performance\n\nIntro.\n\n{bench_report.REPORT_START}\nold\n{bench_report.REPORT_END}\n\n## Notes\nKeep me.\n"
    )
    result = bench_runner.Result(
        app="families",
        name="Caseload",
        kind="page",
        median_ms=1,
        p95_ms=2,
        queries=3,
        floor_median_ms=0.5,
        floor_p95_ms=0.6,
        ratio=3.3,
        status=200,
    )
    meta = {"scale": 10, "families": 10, "repeat": 2, "machine": bench_report.machine_info()}
    bench_report.write_markdown(path, bench_report.render_markdown([result], meta))
    text = path.read_text()
    assert "Intro." in text and "Keep me." in text and "old" not in text
    assert "| families | Caseload | 1.0 | 2.0 | 3 | 0.50 | 3.3x |" in text
    bench_report.write_json(tmp_path / "out.json", [result], meta)
    assert json.loads((tmp_path / "out.json").read_text())["results"][0]["passed"] is True


def test_the_bench_refuses_sqlite_clearly(db):
    if connection.vendor == "postgresql":
        pytest.skip("this is about SQLite")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("bench", stdout=StringIO())


def test_families_benchmarks_measure_real_pages(db, cast):
    family_of_lead = cast.family
    ctx = BenchContext(scale=1, repeat=2, lead=cast.lead, manager=cast.manager)
    items = families_bench.benchmarks(ctx)
    assert len(items) == 6
    runner = bench_runner.PageRunner(repeat=2, warmup=1)
    for item in items:
        assert isinstance(item, PageBenchmark)
        if not item.without_middleware:
            assert item.target_p95_ms == 100 and item.target_ratio == 4
        result = runner.run("families", item)
        assert result.status == 200, item.name
        assert result.queries and result.floor_median_ms is not None
    assert any(family_of_lead.reference in item.url for item in items)


def test_the_family_page_is_measured_with_and_without_the_read_log(db, cast):
    ctx = BenchContext(scale=1, repeat=2, lead=cast.lead, manager=cast.manager)
    by_name = {item.name: item for item in families_bench.benchmarks(ctx)}
    with_log, without_log = by_name["Family page (lead)"], by_name["Family page (lead), read log off"]
    assert with_log.url == without_log.url
    assert with_log.compare_with == without_log.name and with_log.max_slowdown == 0.10
    looks = RecordLook.objects.filter(family=cast.family, user=cast.lead)
    before = looks.count()
    results = bench_runner.run_all([("families", without_log)], repeat=2, log=lambda _: None)
    assert results[0].status == 200 and looks.count() == before  # no look recorded
    results = bench_runner.run_all(
        [("families", without_log), ("families", with_log)], repeat=2, log=lambda _: None
    )
    assert looks.count() > before
    off, on = results
    assert on.slowdown == pytest.approx(on.median_ms / off.median_ms - 1)


def test_a_page_slower_than_its_comparison_allows_misses_its_target(db):
    fast = bench_runner.Result(
        app="families",
        name="off",
        kind="page",
        median_ms=10,
        p95_ms=12,
        status=200,
        queries=5,
        floor_median_ms=2,
    )
    slow = bench_runner.Result(
        app="families",
        name="on",
        kind="page",
        median_ms=11.5,
        p95_ms=13,
        status=200,
        compared_with="off",
        queries=5,
        floor_median_ms=2,
        max_slowdown=0.10,
    )
    bench_runner.compare([fast, slow])
    assert slow.slowdown == pytest.approx(0.15)
    assert slow.failures == ["median +15% against 'off' > +10%"]
    assert "median +15.0% against 'off'" in bench_report.describe(slow)
    meta = {"scale": 10, "families": 10, "repeat": 2, "machine": bench_report.machine_info()}
    assert "- families: on: 11.5 ms against off: +15.0% (at most +10%)" in bench_report.render_markdown(
        [fast, slow], meta
    )
    slow.median_ms = 10.5
    bench_runner.compare([fast, slow])
    assert slow.passed


def test_collecting_skips_apps_without_a_bench_module(db, cast):
    collected = bench_runner.collect_benchmarks(
        BenchContext(scale=1, repeat=1, lead=cast.lead, manager=cast.manager)
    )
    apps = {app for app, _ in collected}
    assert "families" in apps
    assert "core" not in apps


def test_a_callable_reports_time_and_peak_memory():
    result = bench_runner.run_callable(
        "core", CallableBenchmark("allocate", lambda: bytearray(4 * 1024 * 1024), target_peak_mb=1), repeat=3
    )
    assert result.peak_mb is not None and result.peak_mb >= 4
    assert result.failures and "peak" in result.failures[0]


@pytest.mark.postgres
def test_the_floor_reruns_the_captured_sql_on_postgres(db, cast):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    runner = bench_runner.PageRunner(repeat=3, warmup=1)
    result = runner.run("families", PageBenchmark("Caseload", cast.lead, reverse("families:caseload")))
    assert result.status == 200
    assert len(result.sql) == result.queries
    assert 0 < result.floor_median_ms < result.median_ms


def test_families_visible_to_matches_guardians_answer(db):
    """The UNION query shape in families.permissions gives exactly guardian's get_objects_for_user rows."""
    call_command("seed_demo", families=40, detailed=8, seed=3, apps="families", stdout=StringIO())
    users = list(User.objects.all())
    for user in users:
        for perm in permissions.FULL_ACCESS:
            expected = set(
                get_objects_for_user(
                    user, f"families.{perm}", klass=Family, with_superuser=False, accept_global_perms=False
                ).values_list("pk", flat=True)
            )
            assert set(permissions.families_visible_to(user, perm).values_list("pk", flat=True)) == expected


def test_a_benchmark_that_cannot_run_here_is_reported_as_not_run_and_not_as_a_miss(tmp_path, db):
    calls: list[str] = []
    bench = CallableBenchmark(
        "needs a broker", lambda: calls.append("ran"), target_p95_ms=10, skip="no broker"
    )
    [result] = bench_runner.run_all([("agencies", bench)], repeat=2, log=lambda _: None)
    assert calls == []
    assert result.skipped == "no broker" and not result.missed and not result.passed
    assert bench_report.describe(result) == "skip agencies: needs a broker: not run, no broker"
    meta = {"scale": 10, "families": 10, "repeat": 2, "machine": bench_report.machine_info()}
    text = bench_report.render_markdown([result], meta)
    assert "| agencies | needs a broker | - | - | - | p95 < 10 ms | skipped |" in text
    assert "Not run here:\n- agencies: needs a broker: no broker" in text
    assert "Missed targets" not in text


def test_a_slow_callable_caps_its_runs_skips_the_memory_run_and_always_tears_down():
    calls: list[str] = []
    bench = CallableBenchmark(
        "slow work elsewhere",
        lambda: calls.append("run"),
        setup=lambda: calls.append("setup"),
        teardown=lambda: calls.append("teardown"),
        max_repeat=2,
        measure_memory=False,
    )
    result = bench_runner.run_callable("agencies", bench, repeat=30)
    assert calls == ["setup", "run"] * 3 + ["teardown"]  # one warm-up, two timed runs, no memory run
    assert result.runs == 2 and result.peak_mb is None and result.passed
    assert bench_report.describe(result).endswith("(2 runs)")

    def fail() -> None:
        raise RuntimeError("the worker never answered")

    calls.clear()
    with pytest.raises(RuntimeError):
        bench_runner.run_callable(
            "agencies", CallableBenchmark("x", fail, teardown=lambda: calls.append("teardown")), 3
        )
    assert calls == ["teardown"]


def test_the_worker_delivery_benchmark_is_not_run_without_a_broker(db, cast, monkeypatch):
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    items = agencies_bench.benchmarks(BenchContext(scale=1, repeat=1, lead=cast.lead, manager=cast.manager))
    [delivery] = [item for item in items if "real worker" in item.name]
    assert isinstance(delivery, CallableBenchmark)
    assert delivery.target_p95_ms == 10_000 and "CELERY_BROKER_URL" in delivery.skip


def test_the_directory_is_measured_at_30_and_3000_services_and_left_as_it_was(db):
    from devtools.benches import directory as directory_bench
    from directory.models import Service
    from tests import factories
    from tests.directory import factories as df

    owner = factories.lead(factories.team("Directory team"))
    place = df.location(postcode="NR2 1AA")
    for index in range(40):
        df.service(owner=owner, name=f"Service {index}", locations=(place,))
    growth = [
        b for b in directory_bench.benchmarks(BenchContext(scale=10, repeat=2)) if "Directory of" in b.name
    ]
    assert [b.name for b in growth][:2] == [
        "Directory of 30 services: public search, free text and area",
        "Directory of 3,000 services: public search, free text and area",
    ]
    seen = []
    for bench in growth[:2] + growth[-2:]:  # the search, and the conditional request
        bench.prepare()
        try:
            seen.append(Service.objects.count())
            if bench.headers:  # the conditional request is answered "not modified"
                answer = Client().get(bench.url, bench.data, headers=bench.headers)
                assert answer.status_code == 304
        finally:
            bench.teardown()
    assert seen == [30, 3000, 30, 3000]
    assert Service.objects.count() == 40
    large = growth[1]
    assert (large.compare_with, large.compare_on, large.max_slowdown) == (growth[0].name, "p95", 0.25)
