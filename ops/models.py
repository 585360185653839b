"""Usage statistics: one row per day per user, API key or route (never one per request)."""

from django.db import models


class UsageDimension(models.TextChoices):
    ROUTE = "route", "Route"
    USER = "user", "User"
    API_KEY = "api_key", "API key"


class UsageDaily(models.Model):
    """A day's totals for one route, user (id) or API key (id), written by the flush job
    from the Redis counters (absolute values: flushing twice changes nothing)."""

    day = models.DateField()
    dimension = models.CharField(max_length=10, choices=UsageDimension.choices)
    key = models.CharField(max_length=200)
    requests = models.PositiveIntegerField(default=0)
    client_errors = models.PositiveIntegerField(default=0, help_text="4xx answers")
    server_errors = models.PositiveIntegerField(default=0, help_text="5xx answers")
    #: request counts per latency bucket (ops.usage.BUCKETS_MS, the last one unbounded)
    latency_buckets = models.JSONField(default=list)
    p95_ms = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-day", "dimension", "-requests"]
        constraints = [
            models.UniqueConstraint(fields=["day", "dimension", "key"], name="usage_day_key_uniq")
        ]
        verbose_name_plural = "usage (daily)"

    def __str__(self):
        return f"{self.day} {self.dimension} {self.key}: {self.requests}"
