"""Migration operations for models that moved from one app to another with their tables (ADR 004).

The moved models keep their tables, so no row is copied; `move_content_types` re-labels their content
types, so permissions, admin log entries and anything else that points at a content type follow them.
"""

from typing import Any

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def move_content_types(*, old_app: str, new_app: str, models: list[str]) -> migrations.RunPython:
    """Re-label the content types of `models` (lower-case model names) from `old_app` to `new_app`."""

    def forwards(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
        content_type = apps.get_model("contenttypes", "ContentType")
        for model in models:
            if not content_type.objects.filter(app_label=new_app, model=model).exists():
                content_type.objects.filter(app_label=old_app, model=model).update(app_label=new_app)

    def backwards(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
        content_type = apps.get_model("contenttypes", "ContentType")
        for model in models:
            if not content_type.objects.filter(app_label=old_app, model=model).exists():
                content_type.objects.filter(app_label=new_app, model=model).update(app_label=old_app)

    return migrations.RunPython(forwards, backwards)
