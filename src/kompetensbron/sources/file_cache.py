"""One cache for parsed data files, keyed by the files' fingerprints (plain Python, no Django).

A parsed file (or a result computed from several files) is kept per process under a name and
the :func:`fingerprint` of every file it was read from: path, size and modification time in
nanoseconds. Each look-up stats the files again (microseconds), so a file replaced on disk —
by ``kompetensbron init`` in another process, or by hand — is read again on the next request
of every running process; nothing has to clear the cache. A load that raises is not cached.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"; _ = p.write_text("a")
>>> cached("doc-example", [p], p.read_text)
'a'
>>> _ = p.write_text("bb")
>>> cached("doc-example", [p], p.read_text)
'bb'
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

__all__ = ["Fingerprint", "fingerprint", "cached", "clear"]

T = TypeVar("T")

#: (path, size, mtime_ns) per file; size and mtime are -1 for a missing file.
Fingerprint = tuple[tuple[str, int, int], ...]

_lock = threading.Lock()
_entries: dict[tuple[str, tuple[str, ...]], tuple[Fingerprint, Any]] = {}


def fingerprint(paths: Sequence[Path]) -> Fingerprint:
    """Path, size and mtime (ns) of each file; a missing file gets (-1, -1)."""
    out = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            out.append((str(path), -1, -1))
        else:
            out.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(out)


def cached(name: str, paths: Sequence[Path], load: Callable[[], T]) -> T:
    """``load()`` once per (name, paths) while the files' fingerprints stay the same."""
    key = (name, tuple(str(p) for p in paths))
    current = fingerprint(paths)
    with _lock:
        entry = _entries.get(key)
    if entry is not None and entry[0] == current:
        return cast(T, entry[1])
    value = load()
    with _lock:
        _entries[key] = (current, value)
    return value


def clear() -> None:
    """Forget every entry (tests; the fingerprints make it unnecessary otherwise)."""
    with _lock:
        _entries.clear()
