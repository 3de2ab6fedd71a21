"""The check a survey's free text passes before a manager reads it (ADR 008, decision 4): it must not
name anyone of the team's families (first, last or preferred name, or the family's name) nor give a
family's reference. Anything that matches is held back; the check errs towards holding back (a first
name that is also a word, "May", holds back an answer that uses the word)."""

import re
from collections.abc import Iterable

from families.models import Family, Person

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
MIN_NAME = 2


def _words(text: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(text)}


def team_names(team_ids: Iterable[int]) -> tuple[set[str], set[str]]:
    """The names (as words, case-folded) and the references of the teams' families, open or closed."""
    ids = list(team_ids)
    names: set[str] = set()
    for row in Person.objects.filter(family__team_id__in=ids).values_list(
        "first_name", "last_name", "preferred_name"
    ):
        for value in row:
            names |= {w for w in _words(value or "") if len(w) >= MIN_NAME}
    references: set[str] = set()
    for name, reference in Family.objects.filter(team_id__in=ids).values_list("name", "reference"):
        names |= {w for w in _words(name or "") if len(w) >= MIN_NAME and w != "family"}
        if reference:
            references.add(reference.casefold())
    return names, references


def names_someone(text: str, *, names: set[str], references: set[str]) -> bool:
    # A reference counts however it is spaced or hyphenated ("po 7k3q9" is PO-7K3Q9).
    compact = re.sub(r"[\s\-‐-―]", "", text.casefold())
    if any(re.sub(r"[\s\-]", "", reference) in compact for reference in references):
        return True
    return bool(_words(text) & names)


def comment_names_someone(text: str, *, team_id: int) -> bool:
    names, references = team_names([team_id])
    return names_someone(text, names=names, references=references)
