"""The report of `manage.py bench`: one line per result as it runs, the Markdown block in
docs/performance.md (between its markers, keeping the hand-written text around it) and the JSON."""

import datetime
import json
import os
import platform
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.db import connection

from devtools.bench_runner import Result

REPORT_START = "<!-- bench:start -->"
REPORT_END = "<!-- bench:end -->"


def describe(result: Result) -> str:
    mark = "skip" if result.skipped else ("ok  " if result.passed else "FAIL")
    label = f"{mark} {result.app}: {result.name}"
    if result.skipped:
        return f"{label}: not run, {result.skipped}"
    if result.error:
        return f"{label}: error {result.error}"
    text = f"{label}: median {result.median_ms:.1f} ms, p95 {result.p95_ms:.1f} ms"
    if result.kind == "page":
        text += f", {result.queries} queries, floor {result.floor_median_ms:.2f} ms"
        if result.ratio is not None:
            text += f", p95/floor {result.ratio:.1f}x"
    if result.peak_mb is not None:
        text += f", peak {result.peak_mb:.1f} MB"
    if result.slowdown is not None:
        text += f", {result.compared_on} {result.slowdown:+.1%} against {result.compared_with!r}"
    if result.runs is not None:
        text += f" ({result.runs} runs)"
    if result.failures:
        text += "  <- " + "; ".join(result.failures)
    return text


def machine_info() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    memory_gb: float | None = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory_gb = int(line.split()[1]) / (1024 * 1024)
                break
    except OSError:
        pass
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            database = cursor.fetchone()[0]
    else:
        database = connection.display_name
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_gb, 1) if memory_gb else None,
        "database": database.split(" on ")[0],
        "python": platform.python_version(),
        # Other work on the machine inflates every timing: the 1-minute load average when measured.
        "load_average": round(os.getloadavg()[0], 1) if hasattr(os, "getloadavg") else None,
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _ms(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _target(result: Result) -> str:
    parts = []
    if result.target_p95_ms is not None:
        parts.append(f"p95 < {result.target_p95_ms:g} ms")
    if result.target_ratio is not None:
        parts.append(f"≤ {result.target_ratio:g}x floor")
    if result.max_queries is not None:
        parts.append(f"≤ {result.max_queries} queries")
    if result.target_peak_mb is not None:
        parts.append(f"peak < {result.target_peak_mb:g} MB")
    if result.max_slowdown is not None:
        parts.append(f"{result.compared_on} ≤ +{result.max_slowdown:.0%} of {result.compared_with!r}")
    return ", ".join(parts) or "-"


def _outcome(result: Result) -> str:
    if result.error:
        return "error"
    if result.failures:
        return "**FAIL**"
    return "skipped" if result.skipped else "pass"


def _pages_table(pages: list[Result]) -> list[str]:
    if not pages:
        return []
    lines = [
        "| App | Page | Median ms | p95 ms | Queries | SQL floor median ms | p95 / floor p95 | Target | Result |",
        "|---|---|--:|--:|--:|--:|--:|---|---|",
    ]
    for r in pages:
        outcome = _outcome(r)
        ratio = "-" if r.ratio is None else f"{r.ratio:.1f}x"
        lines.append(
            f"| {r.app} | {r.name} | {_ms(r.median_ms)} | {_ms(r.p95_ms)} | {r.queries if r.queries is not None else '-'} "
            f"| {_ms(r.floor_median_ms, 2)} | {ratio} | {_target(r)} | {outcome} |"
        )
    return [*lines, ""]


def _callables_table(callables: list[Result]) -> list[str]:
    if not callables:
        return []
    lines = [
        "| App | Work | Median ms | p95 ms | Peak MB (tracemalloc) | Target | Result |",
        "|---|---|--:|--:|--:|---|---|",
    ]
    for r in callables:
        outcome = _outcome(r)
        work = r.name if r.runs is None else f"{r.name} ({r.runs} runs)"
        lines.append(
            f"| {r.app} | {work} | {_ms(r.median_ms)} | {_ms(r.p95_ms)} | {_ms(r.peak_mb)} | {_target(r)} | {outcome} |"
        )
    return [*lines, ""]


def render_markdown(results: list[Result], meta: dict[str, Any]) -> str:
    machine = meta["machine"]
    lines = [
        REPORT_START,
        f"Measured {machine['date']} by `make bench` (`manage.py bench --scale {meta['scale']} "
        f"--repeat {meta['repeat']}"
        + (f" --only {meta['only']}" if meta.get("only") else "")
        + (f" --seed-apps {meta['seed_apps']}" if meta.get("seed_apps", "all") != "all" else "")
        + f"`), {meta['families']:,} families in the dataset.",
        "",
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gb']} GB memory; "
        f"{machine['database']}; Python {machine['python']}; load average {machine.get('load_average')} "
        "at the end of the run.",
        "",
    ]
    pages = [r for r in results if r.kind == "page"]
    lines += _pages_table(pages)
    lines += _callables_table([r for r in results if r.kind == "callable"])
    compared = [r for r in pages if r.slowdown is not None]
    if compared:
        lines.append("Compared pages (median against median, or p95 against p95, same run):")
        lines += [
            f"- {r.app}: {r.name}: {'p95 ' if r.compared_on == 'p95' else ''}"
            f"{_ms(r.p95_ms if r.compared_on == 'p95' else r.median_ms)} ms against {r.compared_with}: "
            f"{r.slowdown:+.1%}" + (f" (at most +{r.max_slowdown:.0%})" if r.max_slowdown is not None else "")
            for r in compared
        ]
        lines.append("")
    failed = [r for r in results if r.missed]
    if failed:
        lines.append("Missed targets:")
        lines += [f"- {r.app}: {r.name}: {r.error or '; '.join(r.failures)}" for r in failed]
        lines.append("")
    not_run = [r for r in results if r.skipped]
    if not_run:
        lines.append("Not run here:")
        lines += [f"- {r.app}: {r.name}: {r.skipped}" for r in not_run]
        lines.append("")
    slow = sorted((r for r in pages if r.slowest_sql_ms), key=lambda r: -(r.slowest_sql_ms or 0))[:5]
    if slow:
        lines.append("Slowest single statement per page (median ms), for diagnosis; all SQL is in the JSON:")
        lines.append("")
        for r in slow:
            sql = " ".join(r.slowest_sql.split())
            lines.append(
                f"- {r.app}: {r.name}: {r.slowest_sql_ms:.2f} ms: `{sql[:300]}{'...' if len(sql) > 300 else ''}`"
            )
        lines.append("")
    lines.append(REPORT_END)
    return "\n".join(lines)


def write_markdown(path: Path, block: str) -> None:
    """Replace the generated block in `path`, keeping the hand-written text around it."""
    if path.exists():
        text = path.read_text()
        if REPORT_START in text and REPORT_END in text:
            before = text.split(REPORT_START, 1)[0]
            after = text.split(REPORT_END, 1)[1]
            path.write_text(before + block + after)
            return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# Performance\n\n" + block + "\n")


def write_json(path: Path, results: list[Result], meta: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {**meta, "results": [{**asdict(r), "passed": r.passed} for r in results]}
    path.write_text(json.dumps(payload, indent=2, default=str))
