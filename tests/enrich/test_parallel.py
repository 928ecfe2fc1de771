"""The process-parallel enrich hook gives exactly the single-process result."""

import pandas as pd
import pytest

from kompetensbron.enrich.parallel import MIN_ROWS_PER_WORKER, ParallelEnricher


@pytest.fixture
def saved_toy_enricher(toy_enricher, tmp_path):
    toy_enricher.save(tmp_path / "toy.pkl")
    return toy_enricher


def _frame(n: int) -> pd.DataFrame:
    titles = ["Sjuksköterska", "Systemutvecklare", "lärare", "okänd titel"]
    texts = ["Erfarenhet av projektledning och budgetansvar.", "Omvårdnad.", "", "Vi söker en kollega."]
    return pd.DataFrame(
        {
            "ad_id": [f"a{i}" for i in range(n)],
            "headline": [titles[i % 4] for i in range(n)],
            "description": [texts[i % 4] for i in range(n)],
        }
    )


def test_parallel_equals_serial_and_keeps_version(saved_toy_enricher):
    frame = _frame(2 * MIN_ROWS_PER_WORKER + 37)
    expected = saved_toy_enricher.enrich_frame(frame)
    with ParallelEnricher(saved_toy_enricher, workers=2) as hook:
        got = hook(frame)
        assert hook.version == saved_toy_enricher.version
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True))
    assert list(got["ad_id"]) == list(frame["ad_id"])


def test_small_frames_stay_in_process(saved_toy_enricher):
    hook = ParallelEnricher(saved_toy_enricher, workers=2)
    out = hook(_frame(10))
    assert hook._pool is None and len(out) == 10


def test_workers_die_when_their_owner_is_killed(tmp_path):
    """``kill -9`` of the process that owns the pool (as of ``ingest-ads``) leaves no orphan workers."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "owner.py"
    script.write_text(
        "import multiprocessing, os, sys, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from kompetensbron.enrich.parallel import die_with_parent\n"
        "def pid(_):\n"
        "    time.sleep(0.2)\n"
        "    return os.getpid()\n"
        "if __name__ == '__main__':\n"
        "    ctx = multiprocessing.get_context('forkserver')\n"
        "    pool = ProcessPoolExecutor(2, mp_context=ctx, initializer=die_with_parent, initargs=(os.getpid(),))\n"
        "    print(' '.join(str(p) for p in set(pool.map(pid, range(6)))), flush=True)\n"
        "    time.sleep(60)\n"
    )
    owner = subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    workers = [int(p) for p in owner.stdout.readline().split()]
    assert workers and owner.pid not in workers

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        # a zombie waiting for its (new) parent to reap it is dead too
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[-1][0] != "Z"

    assert all(alive(p) for p in workers)
    owner.send_signal(signal.SIGKILL)
    owner.wait()
    deadline = time.monotonic() + 10
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(p) for p in workers), "worker processes outlived their owner"
