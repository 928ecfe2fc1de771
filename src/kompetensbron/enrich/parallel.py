"""Run the enricher on several cores: a DataFrame is split across worker processes.

Each worker loads the enricher once from its cache file (``Enricher.handle()``), so only
the two text columns travel to the workers and the four output columns travel back.
Used by ``kompetensbron ingest-ads`` as the warehouse's enrich hook; it has the same
``version`` as the enricher it wraps, so rows are stored with the same model identity.

Example::

    with ParallelEnricher(load_enricher(), workers=2) as hook:
        ingest_ads(paths, enrich=hook)
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from .pipeline import OUTPUT_COLUMNS, Enricher, EnricherHandle

__all__ = ["ParallelEnricher", "die_with_parent"]

#: below this many rows per worker, splitting costs more than it saves
MIN_ROWS_PER_WORKER = 500
_WORKER: Enricher | None = None
_PR_SET_PDEATHSIG = 1


def _init_worker(handle: EnricherHandle, owner_pid: int) -> None:
    global _WORKER
    die_with_parent(owner_pid)
    _WORKER = handle.load()


def die_with_parent(owner_pid: int | None = None) -> None:
    """End this worker process when its parent ends, even by ``kill -9``.

    On Linux the kernel sends SIGKILL to the worker when its parent dies
    (``prctl(PR_SET_PDEATHSIG)``); everywhere a daemon thread also checks every second that
    the parent is still the same process and that ``owner_pid`` (the process that started
    the pool; with ``forkserver`` the parent is the fork server) is still alive. Workers
    hold no state worth saving: the ingest's staging directory is dropped with its owner.
    """
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - an unusual libc
            pass

    def orphaned() -> bool:
        if os.getppid() != parent:
            return True
        if owner_pid is None:
            return False
        try:
            os.kill(owner_pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:  # pragma: no cover - alive, another user's
            return False
        return False

    if orphaned():  # the parent died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while not orphaned():
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def _enrich_part(part: Any) -> Any:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.enrich_frame(part)[list(OUTPUT_COLUMNS)]


class ParallelEnricher:
    """A picklable-free, process-parallel wrapper around an :class:`Enricher`."""

    def __init__(self, enricher: Enricher, *, workers: int | None = None) -> None:
        self._enricher = enricher
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.version = enricher.version
        self._handle = enricher.handle() if self.workers > 1 else None
        self._pool: ProcessPoolExecutor | None = None

    def __call__(self, frame: Any) -> Any:
        if self.workers == 1 or len(frame) < 2 * MIN_ROWS_PER_WORKER:
            return self._enricher.enrich_frame(frame)
        import pandas as pd

        if self._pool is None:
            # forkserver: no fork of a process that may hold DuckDB threads
            ctx = multiprocessing.get_context("forkserver")
            init: Callable[..., None] = _init_worker  # typeshed types initializer as taking no arguments
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=ctx, initializer=init, initargs=(self._handle, os.getpid())
            )
        texts = frame[["headline", "description"]]
        size = -(-len(texts) // self.workers)
        parts = [texts.iloc[i : i + size] for i in range(0, len(texts), size)]
        enriched = pd.concat(list(self._pool.map(_enrich_part, parts)))
        out = frame.copy()
        for column in OUTPUT_COLUMNS:
            out[column] = enriched[column].to_numpy()
        return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __enter__(self) -> ParallelEnricher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
