"""File formats of import and export: CSV, JSON and XLSX, streamed both ways.

Writers take a header and an iterator of rows (API representations) and yield bytes, so an
export holds one chunk of rows at a time. Cells are what the API answers, made flat for
spreadsheets: a list or an object is its JSON text, ``null`` is an empty cell. A text cell
beginning with ``= + - @``, a tab or a carriage return is prefixed with ``'`` so that no
spreadsheet runs it as a formula (OWASP "CSV injection"); the readers drop that prefix again,
so an exported file imports as it was.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Iterator

import orjson
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_ROWS = 500


class FileError(ValueError):
    """The upload is no file of the format it claims (unreadable, no header, not a list)."""


def _needs_quote(value: str) -> bool:
    """Starts with a dangerous character, after any apostrophes (so ``'=x`` itself is kept
    apart from an escaped ``=x``)."""
    return value.lstrip("'").startswith(DANGEROUS)


def escape(value: str) -> str:
    return f"'{value}" if _needs_quote(value) else value


def unescape(value: str) -> str:
    return value[1:] if value.startswith("'") and _needs_quote(value) else value


def dumps(value) -> bytes:
    """JSON as the API renders it (``Z`` for UTC, as ``localbzz.api.renderers``)."""
    return orjson.dumps(value, default=str, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_UTC_Z)


def flat(value):
    """A cell of a CSV or XLSX file (text, or a number / bool for XLSX)."""
    if value is None:
        return ""
    if isinstance(value, (list, dict, dt.date, uuid.UUID)):
        value = dumps(value).decode()  # the JSON text the API answers
        if not value.startswith(("[", "{")):
            value = value[1:-1]  # a date, a time, an id: without the quotes
    if isinstance(value, str):
        return escape(value)
    return value


# --- writers --------------------------------------------------------------------------------


def write_csv(header: list[str], rows: Iterable[dict]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    first = True
    for count, row in enumerate(rows, 1):
        writer.writerow(
            [
                "true" if v is True else "false" if v is False else flat(v)
                for v in (row.get(name) for name in header)
            ]
        )
        if count % CHUNK_ROWS == 0:
            yield _drain(buffer, first)
            first = False
    yield _drain(buffer, first)


def _drain(buffer: io.StringIO, first: bool) -> bytes:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return ("\ufeff" + text if first else text).encode()  # a BOM: Excel reads it as UTF-8


def write_json(header: list[str], rows: Iterable[dict]) -> Iterator[bytes]:
    parts = [b"["]
    for count, row in enumerate(rows):
        parts.append(b"," if count else b"")
        parts.append(dumps({name: row.get(name) for name in header}))
        if len(parts) >= CHUNK_ROWS:
            yield b"".join(parts)
            parts = []
    parts.append(b"]")
    yield b"".join(parts)


def write_xlsx(header: list[str], rows: Iterable[dict], *, dates=(), datetimes=()):
    """openpyxl's write-only mode: rows go to a temporary file as they come, then the file
    is read back in chunks. ``dates`` / ``datetimes`` name the columns written as real
    spreadsheet dates (UTC, without a zone: spreadsheets have none)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("export")
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_cell(name, row.get(name), dates, datetimes) for name in header])
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
        handle.seek(0)
        while chunk := handle.read(64 * 1024):
            yield chunk


def _xlsx_cell(name, value, dates, datetimes):
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        if name in dates:
            return dt.date.fromisoformat(value)
        if name in datetimes:
            moment = dt.datetime.fromisoformat(value)
            return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment
    return flat(value)


WRITERS = {"csv": write_csv, "json": write_json, "xlsx": write_xlsx}


# --- readers --------------------------------------------------------------------------------


def read(upload, name: str) -> tuple[list[str], Iterator[dict], bool]:
    """``(header, rows, flat)`` of an uploaded file; ``flat`` when cells are text (CSV, XLSX)
    rather than JSON values. The format comes from the name's extension, else the content."""
    head = upload.read(4)
    upload.seek(0)
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix == "xlsx" or head.startswith(b"PK\x03\x04"):
        return (*_read_xlsx(upload), True)
    if suffix == "json" or head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{"):
        return (*_read_json(upload), False)
    return (*_read_csv(upload), True)


def _read_csv(upload):
    try:
        # a codecs reader leaves the upload open (a TextIOWrapper closes it when collected)
        text = codecs.getreader("utf-8-sig")(upload)
        first = text.readline()
    except UnicodeDecodeError as exc:
        raise FileError("The file is not UTF-8 text.") from exc
    if not first.strip():
        raise FileError("The file has no header row.")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    header = next(csv.reader([first], delimiter=delimiter))
    header = [h.strip() for h in header]

    def rows():
        try:
            for cells in csv.reader(text, delimiter=delimiter):
                if not any(c.strip() for c in cells):
                    continue
                yield dict(zip(header, (unescape(c) for c in cells), strict=False))
        except (UnicodeDecodeError, csv.Error) as exc:
            raise FileError(f"The file cannot be read as CSV: {exc}") from exc

    return header, rows()


def _read_json(upload):
    try:
        data = orjson.loads(upload.read())
    except orjson.JSONDecodeError as exc:
        raise FileError(f"The file is not valid JSON: {exc}") from exc
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise FileError("A JSON file must be a list of objects.")
    header = list(dict.fromkeys(key for row in data for key in row))
    return header, iter(data)


_XLSX_ERRORS = (
    InvalidFileException,
    zipfile.BadZipFile,
    OSError,
    KeyError,
    ValueError,
    TypeError,
    EOFError,
)


def _read_xlsx(upload):
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except _XLSX_ERRORS as exc:
        raise FileError("The file is not a readable XLSX workbook.") from exc
    cells = workbook.worksheets[0].iter_rows(values_only=True) if workbook.worksheets else None
    first = next(cells, None) if cells is not None else None
    if not first:
        raise FileError("The workbook has no header row.")
    header = [str(h).strip() if h is not None else "" for h in first]

    def rows():
        try:
            for values in cells:
                if all(v is None or v == "" for v in values):
                    continue
                yield dict(zip(header, (_xlsx_text(v) for v in values), strict=False))
        except _XLSX_ERRORS as exc:
            raise FileError("The workbook cannot be read to its end.") from exc

    return header, rows()


def _xlsx_text(value):
    """A cell as text; dates stay dates (the engine knows the column's type)."""
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unescape(str(value))
