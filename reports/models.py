from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WeeklyDigestSent(models.Model):
    """One row per manager per week: the weekly digest is sent once, however often the beat task runs.

    The unique constraint is the guard: the send service inserts this row first, in the same
    transaction as the send, so a second run (or a concurrent one) finds the row and sends nothing.
    """

    manager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week_start = models.DateField(_("week starting"))
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("weekly digest sent")
        verbose_name_plural = _("weekly digests sent")
        constraints = [
            models.UniqueConstraint(
                fields=["manager", "week_start"], name="one_weekly_digest_per_manager_per_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.manager} {self.week_start:%d %b %Y}"
