"""Files handed to staff as downloads: CSVs that Excel opens as UTF-8, workbooks and zips."""

from __future__ import annotations

import io

from flask import Response, send_file

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The byte order mark that tells Excel a CSV is UTF-8.
BOM = "\ufeff"


def csv_bytes(text: str) -> bytes:
    """A CSV's text as the bytes to send, marked as UTF-8 for Excel."""
    return (BOM + text).encode("utf-8")


def attachment(body: bytes, mimetype: str, filename: str) -> Response:
    """The bytes as a file to save, under this name (encoded safely whatever it holds)."""
    return send_file(
        io.BytesIO(body), mimetype=mimetype, as_attachment=True, download_name=filename
    )
