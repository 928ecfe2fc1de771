"""Benchmark of the foundation: ``init`` on the full snapshot and the occupation search API.

Run:  .venv/bin/python bench/bench_reference.py [--requests 1000]

It uses a fresh temporary var directory (its own SQLite database), so it never touches
``var/``. It prints the wall time of a first ``init`` (migrate + load), of a second
(idempotent) ``init``, and p50/p95/p99 latency of ``GET /api/v1/occupations?q=…`` against the
production server (``kompetensbron serve``, gunicorn) over loopback, one request at a time.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
CLI = [str(ROOT / ".venv" / "bin" / "kompetensbron")]
QUERIES = [
    "sjukskoterska",
    "Sjuksköterskor",
    "lärare",
    "larare grundskola",
    "snickare",
    "mjukvaruutvecklare",
    "2512",
    "elektriker",
    "undersköterska",
    "ingenjör",
    "chef",
    "kock",
    "busschaufför",
    "ekonom",
    "förskollärare",
    "polis",
    "socialsekreterare",
    "läkare",
    "städare",
    "säljare",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as var:
        env = {**os.environ, "KOMPETENSBRON_VAR_DIR": var}
        env.pop("KOMPETENSBRON_DATABASE_URL", None)
        first = timed([*CLI, "init"], env)
        second = timed([*CLI, "init"], env)
        print(f"init (fresh SQLite, full snapshot): {first:.2f} s")
        print(f"init again (idempotent, nothing changed): {second:.2f} s")
        port = free_port()
        server = subprocess.Popen(
            [*CLI, "serve", "--port", str(port), "--workers", "2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}/api/v1/occupations"
            with httpx.Client(timeout=10) as client:
                for _ in range(100):
                    try:
                        client.get(url, params={"q": "a"})
                        break
                    except httpx.TransportError:
                        time.sleep(0.1)
                for q in QUERIES:  # warm-up
                    client.get(url, params={"q": q}).raise_for_status()
                samples = []
                for i in range(args.requests):
                    q = QUERIES[i % len(QUERIES)]
                    t = time.perf_counter()
                    r = client.get(url, params={"q": q})
                    samples.append((time.perf_counter() - t) * 1000)
                    r.raise_for_status()
        finally:
            server.terminate()
            server.wait(10)
    qs = statistics.quantiles(samples, n=100)
    print(f"GET /api/v1/occupations?q=… over HTTP, {len(samples)} requests, {len(QUERIES)} queries:")
    print(f"  p50 {qs[49]:.1f} ms   p95 {qs[94]:.1f} ms   p99 {qs[98]:.1f} ms   max {max(samples):.1f} ms")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
