"""The floors contract in pyproject.toml fails `make lint` on an import that runs back up a floor."""

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = ROOT / ".venv" / "bin" / "lint-imports"


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - the project's own linter on a copy of the tree
        [str(LINT_IMPORTS), "--no-cache"], cwd=tree, capture_output=True, text=True, timeout=300
    )


def _copy(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    ignore = shutil.ignore_patterns(".venv", "node_modules", ".git", "__pycache__", "*.sqlite3*", "static")
    shutil.copytree(ROOT, tree, ignore=ignore)
    return tree


def test_the_tree_as_it_is_keeps_the_floors(tmp_path):
    result = _lint(_copy(tmp_path))
    assert result.returncode == 0, result.stdout[-3000:]
    assert "1 kept, 0 broken" in result.stdout


def test_an_import_from_a_higher_floor_breaks_the_contract(tmp_path):
    tree = _copy(tmp_path)
    selectors = tree / "families" / "selectors.py"
    selectors.write_text(selectors.read_text() + "\nfrom plans.selectors import with_review_dates  # noqa\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert "families is not allowed to import plans" in result.stdout
    assert "families.selectors -> plans.selectors" in result.stdout


def test_two_apps_on_one_floor_may_not_know_each_other(tmp_path):
    tree = _copy(tmp_path)
    services = tree / "pots" / "services.py"
    services.write_text(services.read_text() + "\nfrom timesheets.models import TimeRecord  # noqa\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert "pots.services -> timesheets.models" in result.stdout
