"""Load the standard taxonomies (directory/taxonomies/) and our needs' mapping to them: one write path,
re-exported by directory.services (which is at its size limit), for load_taxonomies and the demo."""

import logging
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from core.history import save_with_actor as _save
from directory import search
from directory.models import Service, Taxonomy, TaxonomyTerm, TermMapping
from directory.needs import NEEDS_TAXONOMY_ID, need_term_id
from directory.standard_taxonomies import VOCABULARIES, Vocabulary, mapping_id, read_mapping, read_terms
from staff.models import User

logger = logging.getLogger(__name__)

STANDARD_TAXONOMY_REASON = "Standard taxonomy (directory/taxonomies)"


def _vocabulary_load(vocabulary: Vocabulary, *, actor: User | None) -> tuple[int, int]:
    """Add the vocabulary's missing terms and bring changed ones up to date; never deletes a term (services
    may be tagged with it). Returns (added, changed)."""
    taxonomy = Taxonomy.objects.filter(pk=vocabulary.id).first() or Taxonomy(id=vocabulary.id)
    wanted = {"name": vocabulary.name, "description": vocabulary.description, "uri": vocabulary.uri}
    wanted["version"] = vocabulary.version
    if taxonomy._state.adding or any(getattr(taxonomy, k) != v for k, v in wanted.items()):
        for key, value in wanted.items():
            setattr(taxonomy, key, value)
        _save(taxonomy, actor=actor, reason=STANDARD_TAXONOMY_REASON)
    existing = {term.id: term for term in TaxonomyTerm.objects.filter(taxonomy=taxonomy)}
    new: list[TaxonomyTerm] = []
    changed: list[TaxonomyTerm] = []
    for row in read_terms(vocabulary):
        values: dict[str, Any] = {
            "code": row.code,
            "name": row.name,
            "description": row.description,
            "term_uri": row.term_uri,
            "parent_id": vocabulary.term_id(row.parent_code) if row.parent_code else None,
        }
        term = existing.get(vocabulary.term_id(row.code))
        if term is None:
            new.append(TaxonomyTerm(id=vocabulary.term_id(row.code), taxonomy=taxonomy, **values))
        elif any(getattr(term, k) != v for k, v in values.items()):
            for name, new_value in values.items():
                setattr(term, name, new_value)
            changed.append(term)
    # Parents first, so a term's parent exists when it is written.
    new.sort(key=lambda term: term.parent_id is not None)
    bulk_create_with_history(
        new, TaxonomyTerm, batch_size=500, default_user=actor, default_change_reason=STANDARD_TAXONOMY_REASON
    )
    for term in changed:
        _save(term, actor=actor, reason=STANDARD_TAXONOMY_REASON)
    if changed:
        search.refresh_search_vectors(Service.objects.filter(taxonomy_terms__in=changed).distinct())
    return len(new), len(changed)


def _mappings_load(*, actor: User | None) -> int:
    """Add the outcome areas' mappings to standard terms that are missing (an admin's own are kept)."""
    added = 0
    for row in read_mapping():
        target = TaxonomyTerm.objects.filter(pk=row.vocabulary.term_id(row.code)).first()
        if target is None or target.name != row.label:
            raise ValueError(f'{row.vocabulary.name}:{row.code} is not "{row.label}" in the loaded list')
        need = TaxonomyTerm.objects.filter(pk=need_term_id(row.need_code), taxonomy_id=NEEDS_TAXONOMY_ID)
        source = need.first()
        if source is None:
            logger.warning("Need %s is not in the needs vocabulary: its mapping is skipped", row.need_code)
            continue
        if TermMapping.objects.filter(from_term=source, to_term=target).exists():
            continue
        mapping = TermMapping(id=mapping_id(source.id, target.id), from_term=source, to_term=target)
        _save(mapping, actor=actor, reason=STANDARD_TAXONOMY_REASON)
        added += 1
    return added


@transaction.atomic
def standard_taxonomies_load(*, actor: User | None) -> dict[str, int]:
    """Load the esd service types and needs (directory/taxonomies/) and our needs' mapping to them.

    Idempotent: ids are derived from the list and the identifier, so a second run adds nothing.
    Returns counts: terms added and changed, mappings added.
    """
    added = changed = 0
    for vocabulary in VOCABULARIES:
        vocabulary_added, vocabulary_changed = _vocabulary_load(vocabulary, actor=actor)
        added += vocabulary_added
        changed += vocabulary_changed
    return {"added": added, "changed": changed, "mappings": _mappings_load(actor=actor)}
