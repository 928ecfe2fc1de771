"""Stream job-ad records out of JobTech files, with their line numbers.

Two layouts are accepted, plain, gzip-compressed (``.gz``) or as the JSON (Lines) member of a
zip (``.zip``: the JobTech historical-ads files as ``fetch-ads`` downloads them):

* **JSON Lines** -- one ad object per line (the historical-ads bulk files and what the
  connectors write). A malformed line is reported and the next line is read.
* **a JSON array** of ad objects (older dumps). Elements are decoded one at a time from a
  bounded buffer, so a multi-gigabyte array never sits in memory. A syntax error inside
  an array cannot be stepped over safely: it is reported with its line and the rest of
  that file is skipped.

Each item is ``(line, record, None)`` or ``(line, None, reason)``; ``line`` is 1-based and,
for an array element, the line where the element starts.

A file that cannot be read at all -- a truncated or non-gzip ``.gz``, an array file that is
not UTF-8, an array nested too deeply to decode -- raises
:class:`~kompetensbron.errors.DataFileMalformed` naming the file and the line reached.
"""

from __future__ import annotations

import gzip
import json
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from kompetensbron.errors import DataFileMalformed

RecordItem = tuple[int, dict[str, Any] | None, str | None]

_BLOCK = 1 << 20  # characters read at a time from an array file
_MAX_ELEMENT = 64 << 20  # an array element larger than this is reported as malformed
_WS = " \t\r\n"
_BOM = b"\xef\xbb\xbf"


def _open_binary(path: Path) -> IO[bytes]:
    if path.suffix == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if path.suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as zf:  # the member keeps the file open after this block
                members = sorted(n for n in zf.namelist() if n.endswith((".jsonl", ".json")))
                if not members:
                    raise DataFileMalformed("the zip has no .jsonl or .json file", path=path)
                return zf.open(members[0])
        except zipfile.BadZipFile as exc:
            raise DataFileMalformed(f"not a zip file ({exc})", path=path) from exc
    return open(path, "rb")


def detect_layout(path: Path) -> str:
    """``"array"`` when the first non-blank character is ``[``, else ``"jsonl"``."""
    with _open_binary(path) as fh:
        head = fh.read(4096).removeprefix(_BOM).lstrip()
        while not head:
            more = fh.read(4096)
            if not more:
                return "jsonl"
            head = more.lstrip()
    return "array" if head[:1] == b"[" else "jsonl"


def iter_records(path: Path) -> Iterator[RecordItem]:
    """Yield the records of one file (see the module docstring)."""
    line = 0
    try:
        items = _iter_array(path) if detect_layout(path) == "array" else _iter_jsonl(path)
        for item in items:
            line = item[0]
            yield item
    except (EOFError, gzip.BadGzipFile, zlib.error, zipfile.BadZipFile) as exc:
        where = f" after line {line}" if line else ""
        raise DataFileMalformed(f"truncated or not a gzip file{where} ({exc})", path=path) from exc
    except UnicodeDecodeError as exc:
        raise DataFileMalformed(f"not UTF-8 text ({exc.reason})", path=path, line=line + 1) from exc
    except _TooDeep as exc:
        raise DataFileMalformed("JSON nested too deeply to read", path=path, line=exc.line) from exc


class _TooDeep(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _iter_jsonl(path: Path) -> Iterator[RecordItem]:
    loads = orjson.loads
    with _open_binary(path) as fh:
        for number, raw in enumerate(fh, start=1):
            if number == 1:
                raw = raw.removeprefix(_BOM)
            if not raw.strip():
                continue
            try:
                obj = loads(raw)
            except orjson.JSONDecodeError as exc:
                yield number, None, _jsonl_reason(raw, exc)
                continue
            if isinstance(obj, dict):
                yield number, obj, None
            else:
                yield number, None, f"expected a JSON object, got {type(obj).__name__}"


def _jsonl_reason(raw: bytes, exc: orjson.JSONDecodeError) -> str:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        return f"not UTF-8 text ({bad.reason} at byte {bad.start})"
    return f"invalid JSON: {exc}"


def _iter_array(path: Path) -> Iterator[RecordItem]:
    decoder = json.JSONDecoder()
    with _open_binary(path) as raw_fh:
        fh = _TextReader(raw_fh)
        buf = fh.read()
        pos = _skip_ws(buf, 0)
        line = 1 + buf.count("\n", 0, pos)
        pos += 1  # the opening '['
        expect_value = True
        while True:
            # Skip whitespace and one separating comma, refilling the buffer as needed.
            while True:
                nxt = _skip_ws(buf, pos)
                if nxt < len(buf) or fh.eof:
                    break
                line += buf.count("\n", pos, nxt)
                buf, pos = buf[nxt:] + fh.read(), 0
            line += buf.count("\n", pos, nxt)
            pos = nxt
            if pos >= len(buf):
                yield line, None, "JSON array not closed (file truncated?)"
                return
            char = buf[pos]
            if char == "]":
                return
            if char == "," and not expect_value:
                pos += 1
                expect_value = True
                continue
            start_line = line
            while True:
                try:
                    obj, end = decoder.raw_decode(buf, pos)
                    break
                except RecursionError:
                    raise _TooDeep(start_line) from None
                except json.JSONDecodeError as exc:
                    if fh.eof or len(buf) - pos > _MAX_ELEMENT:
                        bad_line = start_line + buf.count("\n", pos, max(pos, exc.pos))
                        yield bad_line, None, f"invalid JSON in array: {exc.msg}; rest of file skipped"
                        return
                    buf, pos = buf[pos:] + fh.read(), 0
            line += buf.count("\n", pos, end)
            pos = end
            expect_value = False
            if isinstance(obj, dict):
                yield start_line, obj, None
            else:
                yield start_line, None, f"expected a JSON object, got {type(obj).__name__}"
            if pos > _BLOCK:
                buf, pos = buf[pos:], 0


def _skip_ws(buf: str, pos: int) -> int:
    n = len(buf)
    while pos < n and buf[pos] in _WS:
        pos += 1
    return pos


class _TextReader:
    """UTF-8 text in blocks from a binary file, remembering whether it hit the end."""

    def __init__(self, fh: IO[bytes]) -> None:
        import codecs

        self._fh = fh
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.eof = False

    def read(self) -> str:
        if self.eof:
            return ""
        data = self._fh.read(_BLOCK)
        if not data:
            self.eof = True
            return self._decoder.decode(b"", final=True)
        return self._decoder.decode(data)
