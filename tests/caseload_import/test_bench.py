from typing import Any

from devtools.bench import BenchContext
from devtools.benches import caseload_import as bench
from families.models import Family


def test_the_bench_file_imports_every_family_it_holds(cast: Any) -> None:
    seconds, done = bench.import_time(importer=cast.manager, families=12)
    assert done == 12 and seconds > 0
    imported = Family.objects.filter(name__startswith="Imported")
    assert imported.count() == 12
    assert imported.filter(status=Family.Status.CLOSED).count() == 2  # rows 0 and 10
    assert set(imported.values_list("lead_practitioner", flat=True)) == {cast.lead.pk, cast.colleague.pk}


def test_the_bench_row_has_the_ten_minute_target(cast: Any) -> None:
    [row] = bench.benchmarks(BenchContext(scale=1, repeat=1, manager=cast.manager))
    assert row.name == "Import 50,000 families from a CSV file, through the services"
    assert (row.target_p95_ms, row.max_repeat, row.measure_memory) == (600_000, 1, False)
