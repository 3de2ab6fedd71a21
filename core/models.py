"""Bookkeeping the project's apps share. Nothing here is casework, so nothing here has history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SubmissionToken(models.Model):
    """One row per form submission that made something (core/submissions.py, ADR 005).

    The row is written first, inside the submission's transaction, so the unique constraint decides which
    of two posts of the same form writes: the other waits for it on the index and is answered with
    `result_url`, where the first post led.
    """

    token = models.UUIDField()
    # Tokens are scoped to the person who posted them: one person's token can never stop another's post.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    result_url = models.CharField(max_length=2000)

    class Meta:
        verbose_name = _("submission token")
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="core_submission_once_per_user"),
            # NULLs are distinct in a unique index, so posts without a signed-in user need their own.
            models.UniqueConstraint(
                fields=["token"], condition=Q(user__isnull=True), name="core_submission_once_anonymous"
            ),
        ]

    def __str__(self) -> str:
        return str(self.token)
