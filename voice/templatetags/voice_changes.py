""" "You said, we did" on the family's own pages. A template tag, so family_portal (a lower floor) shows
the section without importing voice: `{% load voice_changes %}{% you_said_we_did %}`."""

from typing import Any

from django import template
from django.utils import translation

from voice.selectors import change_in, published_changes

register = template.Library()


@register.inclusion_tag("voice/includes/you_said_we_did.html")
def you_said_we_did(limit: int = 3) -> dict[str, Any]:
    """The latest `limit` published changes, in the page's language, and whether there are more."""
    language = translation.get_language() or "en-gb"
    latest = list(published_changes()[: limit + 1])
    return {"items": [change_in(c, language) for c in latest[:limit]], "more": len(latest) > limit}
