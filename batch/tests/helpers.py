"""Helpers of the batch tests: export and import through the API, as a caller would."""

from __future__ import annotations

import io

import orjson
from django.core.files.uploadedfile import SimpleUploadedFile

from localbzz.testing import api_client

#: columns the server sets (times of writing, counts): equal only within one database
SERVER_SET = {
    "created_at",
    "updated_at",
    "status_changed_at",
    "completed_at",
    "consent_at",
    "consent_text",
}


def export(user, collection: str, fmt: str = "csv", **params):
    response = api_client(user).get(f"/api/{collection}/export", {"format": fmt, **params})
    assert response.status_code == 200, response.content[:500]
    return b"".join(response.streaming_content)


def export_rows(user, collection: str, **params) -> list[dict]:
    rows = orjson.loads(export(user, collection, "json", **params))
    return [{k: v for k, v in row.items() if k not in SERVER_SET} for row in rows]


def import_file(user, collection: str, content: bytes, name: str = "rows.csv", dry_run=False):
    upload = SimpleUploadedFile(name, content)
    return api_client(user).post(
        f"/api/{collection}/import?dry_run={'true' if dry_run else 'false'}",
        {"file": upload},
        format="multipart",
    )


def csv_bytes(lines: list[str], *, bom: bool = False, sep: str = ",") -> bytes:
    text = "\r\n".join(line.replace(",", sep) for line in lines) + "\r\n"
    return (("\ufeff" if bom else "") + text).encode()


def xlsx_rows(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]
