"""Files sent with another app's form (the portal's new-request form), without that app
importing the files app: the files app registers how files are checked and stored
(``files/signals.py``), the form's service calls ``attach_form_files`` inside the
transaction that creates the owner. A refused file is a ``ValidationError``: the owner's
transaction rolls back, so nothing of the submission is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.core.exceptions import ValidationError

_attach: Callable | None = None


def register_form_files(attach: Callable) -> None:
    """``attach(owner=, files=, actor=)``: checks every file, then stores them all as the
    owner's attachments, or raises ``ValidationError`` with nothing stored."""
    global _attach  # noqa: PLW0603 - one registry slot, filled once in AppConfig.ready()
    _attach = attach


def takes_files() -> bool:
    """Whether forms may offer a file input (an app registered how files are stored)."""
    return _attach is not None


def attach_form_files(*, owner, files: Sequence, actor) -> None:
    """Stores ``files`` (uploaded files) as ``owner``'s attachments, all or none."""
    if not files:
        return
    if _attach is None:
        raise ValidationError("Files cannot be added here.")
    _attach(owner=owner, files=list(files), actor=actor)
