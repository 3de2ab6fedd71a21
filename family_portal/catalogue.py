"""The Welsh catalogue of the family's pages: which strings a family can meet, which of them still
need a translation, and the compiled `.mo` (issue 11).

`make messages` extracts every string (makemessages), then compiles the catalogue here, so the `.mo`
files are committed and a fresh clone needs no gettext tools. polib is used when installed; otherwise
a small writer of the GNU `.mo` format (the one in CPython's Tools/i18n/msgfmt.py) does the same.
`manage.py family_messages --check` lists what is left for a translator.
"""

import ast
import struct
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation

# Files whose strings a family meets: their own pages, and the plan PDF they download.
FAMILY_FACING_PREFIXES = (
    "family_portal/",
    # Every page's frame (skip link, footer), the form fields and error summary, pagination, 404 and 500.
    "core/templates/django/forms/",
    "core/templates/core/includes/",
    # The family's voice (issue 12): the public forms, the procedure, surveys, "you said, we did", the
    # family's own have-your-say page and the replies complainants receive.
    "voice/templates/voice/public/",
    "voice/templates/voice/family/",
    "voice/templates/voice/replies/",
    "voice/templates/voice/survey/",
    "voice/templates/voice/procedure/",
    "voice/templates/voice/includes/you_said_we_did.html",
    "voice/templates/voice/includes/change.html",
    "voice/templates/voice/changes/public_list.html",
)
FAMILY_FACING_FILES = (
    "plans/pdf.py",
    "plans/templates/plans/plan_pdf.html",
    "core/templates/base.html",
    "core/templates/404.html",
    "core/templates/500.html",
    "voice/public_forms.py",
    "voice/views/public.py",
    "voice/views/family.py",
    "voice/abuse.py",
    "voice/messages.py",
    "voice/procedure.py",
    "voice/views/procedure.py",
    "voice/survey_answer_form.py",
    "voice/survey_paper.py",
    "voice/views/public_surveys.py",
)
# ... but not the staff's pages that live in the app (invitations, restrictions, letters to post, what the
# family sent as the lead sees it): staff pages stay in English.
STAFF_ONLY = (
    "family_portal/apps.py",
    "family_portal/letter_views.py",
    "family_portal/staff_views.py",
    "family_portal/forms.py",
    "family_portal/chronology.py",
    "family_portal/views/restrictions.py",
    "family_portal/views/lead.py",
    "family_portal/selectors/restrictable.py",
    "family_portal/services/letters.py",
    "family_portal/services/restrictions.py",
    "family_portal/services/lead_news.py",
    "family_portal/templates/family_portal/letters/",
    "family_portal/templates/family_portal/staff/",
    "family_portal/templates/family_portal/chronology_item.html",
    "family_portal/templates/family_portal/email/lead_family_message.txt",
)
# Choice labels the family's pages show (statuses, roles, categories), whichever file defines them.
FAMILY_FACING_CHOICES = (
    "plans.models.Goal.Status",
    "plans.models.Action.Status",
    "plans.models.PlanAgreement.Method",
    "families.models.Person.HouseholdRole",
    "families.models.FamilyEvent.Kind",
    "families.models.RecordLook.Category",
    "agencies.models.Category",
    "agencies.models.ReferralResponse.Status",
    "pots.models.Category",
    "pots.models.HelpRequest.Status",
    "family_portal.models.Channel",
    "family_portal.models.Language",
    "family_portal.models.FamilyMessage.Kind",
    "voice.models.Channel",
    "voice.models.Language",
    "voice.models.Complaint.Who",
    "voice.models.Suggestion.Decision",
    "voice.models.Stage.Outcome",
    "voice.models.Change.Source",
)


@dataclass
class Entry:
    msgid: str
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values()) and "fuzzy" not in self.flags


def catalogue_path(language: str = "cy") -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


def _unquote(text: str) -> str:
    return ast.literal_eval(text) if text.startswith('"') else ""


def parse_po(text: str) -> list[Entry]:
    """The entries of a .po file (obsolete `#~` entries left out). Enough of the format for ours."""
    entries: list[Entry] = []
    current = Entry(msgid="")
    key: tuple[str, int] = ("", 0)
    started = False

    def finish() -> None:
        if started:
            entries.append(current)

    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#") and started and key[0] in ("msgstr",):
            finish()
            current, started, key = Entry(msgid=""), False, ("", 0)
        if line.startswith("#:"):
            current.references.extend(ref.rsplit(":", 1)[0] for ref in line[2:].split())
        elif line.startswith("#,"):
            current.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith(("msgctxt ", "msgid ")) and started and key[0] == "msgstr":
            finish()
            current, key = Entry(msgid=""), ("", 0)
            key = _start(current, line)
        elif line.startswith(("msgctxt ", "msgid ", "msgid_plural ", "msgstr")):
            started = True
            key = _start(current, line)
        elif line.startswith('"'):
            _append(current, key, _unquote(line))
    finish()
    return entries


def _start(entry: Entry, line: str) -> tuple[str, int]:
    keyword, _space, value = line.partition(" ")
    if keyword.startswith("msgstr["):
        key = ("msgstr", int(keyword[7:-1]))
    elif keyword == "msgstr":
        key = ("msgstr", 0)
    else:
        key = (keyword, 0)
    if key[0] == "msgctxt":
        entry.msgctxt = ""
    _append(entry, key, _unquote(value))
    return key


def _append(entry: Entry, key: tuple[str, int], value: str) -> None:
    name, index = key
    if name == "msgstr":
        entry.msgstr[index] = entry.msgstr.get(index, "") + value
    elif name == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + value
    elif name == "msgid_plural":
        entry.msgid_plural += value
    elif name == "msgid":
        entry.msgid += value


def choice_msgids() -> set[str]:
    """The English labels (the msgids) of the choices a family's pages show."""
    with translation.override(None):
        return {str(label) for path in FAMILY_FACING_CHOICES for label in _choices(path).labels}


def _choices(path: str) -> Any:
    """`app.models.Model.Choices`: the module is the first two parts, the rest are attributes."""
    app, module, *names = path.split(".")
    found: Any = import_module(f"{app}.{module}")
    for name in names:
        found = getattr(found, name)
    return found


def is_family_facing(entry: Entry, choices: set[str] | None = None) -> bool:
    if any(
        (ref.startswith(FAMILY_FACING_PREFIXES) and not ref.startswith(STAFF_ONLY))
        or ref in FAMILY_FACING_FILES
        for ref in entry.references
    ):
        return True
    return entry.msgid in (choices if choices is not None else choice_msgids())


def family_entries(entries: list[Entry]) -> list[Entry]:
    choices = choice_msgids()
    return [entry for entry in entries if entry.msgid and is_family_facing(entry, choices)]


def untranslated(entries: list[Entry]) -> list[Entry]:
    """Family-facing entries with no translation yet, or only a fuzzy one."""
    return [entry for entry in family_entries(entries) if not entry.translated]


def mo_bytes(entries: list[Entry]) -> bytes:
    """The GNU .mo of the translated entries (and the header), fuzzy ones left out, as msgfmt does."""
    pairs: dict[bytes, bytes] = {}
    for entry in entries:
        if not entry.msgid:
            pairs[b""] = entry.msgstr.get(0, "").encode()
            continue
        if not entry.translated:
            continue
        key = entry.msgid if not entry.msgid_plural else f"{entry.msgid}\0{entry.msgid_plural}"
        if entry.msgctxt is not None:
            key = f"{entry.msgctxt}\x04{key}"
        value = "\0".join(entry.msgstr[i] for i in sorted(entry.msgstr))
        pairs[key.encode()] = value.encode()
    return _mo_layout(pairs)


def _mo_layout(pairs: dict[bytes, bytes]) -> bytes:
    keys = sorted(pairs)
    ids = strs = b""
    offsets: list[tuple[int, int, int, int]] = []
    for key in keys:
        offsets.append((len(ids), len(key), len(strs), len(pairs[key])))
        ids += key + b"\0"
        strs += pairs[key] + b"\0"
    count = len(keys)
    keystart = 7 * 4 + 16 * count
    valuestart = keystart + len(ids)
    koffsets: list[int] = []
    voffsets: list[int] = []
    for id_offset, id_length, str_offset, str_length in offsets:
        koffsets += [id_length, id_offset + keystart]
        voffsets += [str_length, str_offset + valuestart]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    return (
        header
        + struct.pack(f"{len(koffsets)}i", *koffsets)
        + struct.pack(f"{len(voffsets)}i", *voffsets)
        + ids
        + strs
    )


def compile_catalogue(po_path: Path, mo_path: Path) -> None:
    """Write the .mo for `po_path`: with polib when it is installed, else with `mo_bytes`."""
    try:
        import polib  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        mo_path.write_bytes(mo_bytes(parse_po(po_path.read_text(encoding="utf-8"))))
        return
    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))


def describe(entry: Entry) -> str:
    where = ", ".join(sorted(set(entry.references))[:3]) or "a choice label"
    state = "fuzzy" if "fuzzy" in entry.flags else "untranslated"
    return f"{state}: {entry.msgid!r} ({where})"


def load(language: str = "cy") -> list[Entry]:
    return parse_po(catalogue_path(language).read_text(encoding="utf-8"))


__all__: list[Any] = [
    "Entry",
    "catalogue_path",
    "compile_catalogue",
    "family_entries",
    "load",
    "mo_bytes",
    "parse_po",
    "untranslated",
]
