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
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from .pipeline import OUTPUT_COLUMNS, Enricher, EnricherHandle

__all__ = ["ParallelEnricher"]

#: below this many rows per worker, splitting costs more than it saves
MIN_ROWS_PER_WORKER = 500
_WORKER: Enricher | None = None


def _init_worker(handle: EnricherHandle) -> None:
    global _WORKER
    _WORKER = handle.load()


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
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker, initargs=(self._handle,))
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
