"""After-commit fan-out of an event: webhooks, live listeners, notifications.

Filled in by the events capability (issue 6); until then an event is only recorded.
"""


def dispatch_event(event_id) -> None:
    """Hands a committed event to its consumers."""
    return
