"""The Welsh catalogue is complete for every string a family can meet, up to date with the sources, and
its committed .mo says what the .po says."""

import gettext
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings

from family_portal import catalogue

try:  # polib is the reference reader when installed; family_portal.catalogue reads the same format
    import polib  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the environment
    polib = None


def _entries(path: Path) -> list[catalogue.Entry]:
    if polib is None:
        return catalogue.parse_po(path.read_text(encoding="utf-8"))
    return [
        catalogue.Entry(
            msgid=e.msgid,
            msgid_plural=e.msgid_plural,
            msgctxt=e.msgctxt,
            msgstr=dict(e.msgstr_plural) if e.msgid_plural else {0: e.msgstr},
            references=[ref for ref, _line in e.occurrences],
            flags=set(e.flags),
        )
        for e in polib.pofile(str(path))
        if not e.obsolete
    ]


def test_every_family_facing_string_is_in_welsh_and_not_fuzzy() -> None:
    entries = _entries(catalogue.catalogue_path())
    family = catalogue.family_entries(entries)
    assert len(family) > 150
    assert [catalogue.describe(e) for e in catalogue.untranslated(entries)] == []


def test_the_choice_labels_a_family_sees_are_in_the_catalogue() -> None:
    translated = {e.msgid for e in _entries(catalogue.catalogue_path()) if e.translated}
    assert catalogue.choice_msgids() - translated == set()


SKIPPED_TOP_LEVEL = {".git", ".venv", "node_modules", "tests", "staticfiles", "locale", "media"}


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="makemessages needs xgettext")
def test_the_catalogue_is_up_to_date_with_the_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    # Extract from a tree of links to the sources, so makemessages writes only into tmp_path.
    tree, out = tmp_path / "tree", tmp_path / "tree" / "extracted"
    tree.mkdir()
    for child in Path(settings.BASE_DIR).iterdir():
        if child.name not in SKIPPED_TOP_LEVEL and not child.name.startswith("."):
            (tree / child.name).symlink_to(child)
    monkeypatch.chdir(tree)
    with override_settings(LOCALE_PATHS=[out]):
        call_command("makemessages", locale=["cy"], symlinks=True, ignore_patterns=["extracted"], verbosity=0)
    fresh = catalogue.family_entries(_entries(out / "cy" / "LC_MESSAGES" / "django.po"))
    committed = {e.msgid for e in catalogue.family_entries(_entries(catalogue.catalogue_path()))}
    assert len(fresh) > 150
    missing = sorted({e.msgid for e in fresh} - committed)
    assert missing == [], "run `make messages` and translate these"


def test_the_committed_mo_says_what_the_po_says(tmp_path: Path) -> None:
    po = catalogue.catalogue_path()
    compiled = tmp_path / "django.mo"
    compiled.write_bytes(catalogue.mo_bytes(catalogue.parse_po(po.read_text(encoding="utf-8"))))

    def messages(path: Path) -> dict[Any, str]:
        with path.open("rb") as handle:
            found = dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]
        found.pop("", None)
        return found

    assert messages(po.with_suffix(".mo")) == messages(compiled)
    assert messages(compiled)["Our plan"] == "Ein cynllun"
