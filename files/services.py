"""Writes of attachments: upload (checked, stored, recorded, announced) and delete."""

from __future__ import annotations

import hashlib
import tempfile
from contextlib import ExitStack, contextmanager

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model

from localbzz.events.services import emit

from .jobs import make_thumbnail
from .models import Attachment
from .owners import LOGO_KIND, kind_of
from .sniffing import PILLOW_TYPES, UploadRejected, check_upload, clean_name, unsupported
from .storage import new_key, put, remove

_COPY_CHUNK = 1024 * 1024


@contextmanager
def _on_disk(upload):
    """(path, size, sha256) of an upload: its temporary file when the upload handler made one
    (hashed on the way in), else a temporary copy made in chunks."""
    path = getattr(upload, "temporary_file_path", None)
    digest = getattr(upload, "sha256", None)
    if path is not None and digest:
        yield path(), upload.size, digest
        return
    sha = hashlib.sha256()
    size = 0
    with tempfile.NamedTemporaryFile(prefix="upload-") as copy:
        upload.seek(0)
        for chunk in iter(lambda: upload.read(_COPY_CHUNK), b""):
            sha.update(chunk)
            size += len(chunk)
            copy.write(chunk)
        copy.flush()
        yield copy.name, size, sha.hexdigest()


def attachment_create(*, actor, owner: Model, upload, note: str = "") -> Attachment:
    """Checks an upload, stores its bytes under a random key and records the attachment.

    Nothing is stored unless every check passes (``sniffing.UploadRejected`` otherwise). The
    bytes are written before the row: if recording fails they are deleted again. A client's
    logo must be an image (jpg, png, gif, webp) and replaces the client's earlier logo.
    """
    field = kind_of(owner).field
    name = clean_name(getattr(upload, "original_name", None) or getattr(upload, "name", ""))
    with _on_disk(upload) as (path, size, sha256):
        content_type = check_upload(path, name, size)
        if field == LOGO_KIND.field and content_type not in PILLOW_TYPES:
            raise unsupported("A logo is an image: .jpg, .png, .gif or .webp.")
        key = new_key()
        with open(path, "rb") as fh:
            put(key, fh)
    try:
        return _record(
            actor=actor,
            owner=owner,
            field=field,
            key=key,
            name=name,
            size=size,
            sha256=sha256,
            content_type=content_type,
            note=note,
        )
    except BaseException:
        remove(key)
        raise


@transaction.atomic
def _record(*, actor, owner, field, **data) -> Attachment:
    if field == LOGO_KIND.field:  # one logo: the earlier one goes (its bytes after commit)
        earlier = Attachment.objects.select_for_update().filter(client=owner).first()
        if earlier is not None:
            attachment_delete(attachment=earlier, actor=actor)
    latest = Attachment.objects.filter(**{field: owner}).aggregate(v=Max("version"))["v"]
    attachment = Attachment(
        **{field: owner},
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        version=(latest or 0) + 1,
        **data,
    )
    attachment.full_clean()
    attachment.save(force_insert=True)
    emit("attachment.created", attachment, actor=actor)
    if attachment.content_type in PILLOW_TYPES:
        pk = str(attachment.pk)  # an id, never the instance, goes to the job
        transaction.on_commit(lambda: make_thumbnail.delay(pk), robust=True)
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, actor) -> None:
    """Deletes an attachment; its stored bytes go after commit (``files/signals.py``)."""
    emit("attachment.deleted", attachment, actor=actor)
    attachment.delete()


#: the most files one form may carry
FORM_FILES_MAX = 20


def attachments_create_all(*, actor, owner: Model, uploads) -> list[Attachment]:
    """Checks every upload, then stores them all as ``owner``'s attachments: one refused file
    refuses them all (``UploadRejected`` naming it) before anything is stored.

    Meant for a form that creates ``owner`` in the same transaction: if that transaction rolls
    back after this, the rows go with it and the weekly orphan job removes the bytes.
    """
    if len(uploads) > FORM_FILES_MAX:
        raise UploadRejected(400, f"Send at most {FORM_FILES_MAX} files at once.")
    checked, stored = [], []
    with ExitStack() as stack:
        for upload in uploads:
            raw = getattr(upload, "original_name", None) or getattr(upload, "name", "")
            try:
                name = clean_name(raw)
                path, size, sha256 = stack.enter_context(_on_disk(upload))
                content_type = check_upload(path, name, size)
            except UploadRejected as rejection:
                label = (raw or "A file")[:80]
                raise UploadRejected(
                    rejection.status, f"{label}: {rejection.message}", rejection.code
                ) from None
            checked.append((path, name, size, sha256, content_type))
        try:
            with transaction.atomic():
                for path, name, size, sha256, content_type in checked:
                    key = new_key()
                    with open(path, "rb") as fh:
                        put(key, fh)
                    stored.append(key)
                    _record(
                        actor=actor,
                        owner=owner,
                        field=kind_of(owner).field,
                        key=key,
                        name=name,
                        size=size,
                        sha256=sha256,
                        content_type=content_type,
                        note="",
                    )
        except BaseException:
            remove(*stored)
            raise
    return list(Attachment.objects.filter(key__in=stored))


def attach_form_files(*, owner: Model, files, actor) -> None:
    """The files of another app's form (``localbzz.form_files``): all stored or, with a
    refused one, a ``ValidationError`` saying which and why (nothing stored)."""
    try:
        attachments_create_all(actor=actor, owner=owner, uploads=files)
    except UploadRejected as rejection:
        raise ValidationError(
            f"{rejection.message} Nothing was sent: choose your files again.",
            code=rejection.code,
        ) from None
