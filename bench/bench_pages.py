"""Warm page timings of one checkout, in-process (Django's test client), for before/after comparisons.

    KOMPETENSBRON_VAR_DIR=DIR PYTHONPATH=CHECKOUT/src .venv/bin/python bench/bench_pages.py [--requests 30]

``DIR`` is a var dir made by that checkout's ``kompetensbron init --demo`` (SQLite, the 2024
statistics in the warehouse). Each page of :data:`PAGES` -- public pages and API routes that the
session-16 code has too, so two checkouts can be compared -- is requested twice to warm the
caches, then ``--requests`` times; the median and the 90th percentile (ms, wall clock) and the
status are printed as one JSON line per page. Only Django and the URLs are used, so the script
runs against older checkouts unchanged: run it alternately for each checkout (interleaved, so
both see the same machine load) and compare the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

PAGES = [
    "/",
    "/yrken/?q=sjuksk%C3%B6terska",
    "/yrken/2221/",
    "/regioner/lan/22/",
    "/regioner/kommun/2281/",
    "/efterfragan/",
    "/efterfragan/yrke/2221/",
    "/efterfragan/yrke/2226/",
    "/efterfragan/region/lan/22/",
    "/efterfragan/region/kommun/2281/",
    "/efterfragan/balans/",
    "/efterfragan/prognos/",
    "/api/v1/occupations?q=sjuksk",
    "/api/v1/demand/regions/lan/22/top-occupations?limit=100",
    "/api/v1/gap/balance?ssyk=2221",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page (after 2 warm-ups)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompetensbron.web.settings")
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    for page in PAGES:
        status = [client.get(page).status_code for _ in range(2)][-1]
        times = []
        for _ in range(args.requests):
            start = time.perf_counter()
            client.get(page)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p90 = times[min(len(times) - 1, round(0.9 * (len(times) - 1)))]
        print(
            json.dumps(
                {
                    "page": page,
                    "status": status,
                    "median_ms": round(statistics.median(times), 2),
                    "p90_ms": round(p90, 2),
                }
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
