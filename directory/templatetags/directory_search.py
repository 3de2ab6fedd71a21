"""`highlight`: the searched words in <mark>, on text that is escaped first (entries are typed by people)."""

import re
from collections.abc import Sequence

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def highlight(text: object, words: Sequence[str] | None) -> SafeString:
    """Each word that starts with a searched word, in <mark>; entities of the escaped text stay whole."""
    escaped = str(conditional_escape(str(text) if text is not None else ""))
    terms = sorted({str(conditional_escape(w)) for w in (words or []) if len(w) > 1}, key=len, reverse=True)
    if not terms:
        return mark_safe(escaped)  # noqa: S308 - escaped above
    pattern = re.compile(
        r"(&#?\w+;)|\b((?:" + "|".join(re.escape(t) for t in terms) + r")\w*)", re.IGNORECASE
    )

    def mark(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(1)
        return f"<mark>{match.group(2)}</mark>"

    return mark_safe(pattern.sub(mark, escaped))  # noqa: S308 - escaped above, only <mark> added
