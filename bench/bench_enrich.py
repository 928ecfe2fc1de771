"""Throughput of the enrichment pipeline on SYNTHETIC ~2 KB job ads.

    .venv/bin/python bench/bench_enrich.py [--ads 20000] [--workers 2] [--seed 0]

The ads are clearly synthetic: the headline is a JobTech occupation-name (sometimes
inflected, without diacritics or with a typo) and the description is ad-like Swedish
sentences around JobTech skill labels and ESCO Swedish labels, padded to about 2,000
characters. They measure speed only, not quality. The enricher is loaded from (or built
into) the model cache of ``load_enricher()``; build time is reported separately.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import sys
import time

import pandas as pd

from kompetensbron.enrich.pipeline import Enricher, load_enricher
from kompetensbron.enrich.title_examples import title_variants

_SENTENCES = (
    "Vi söker nu en engagerad medarbetare som vill utvecklas tillsammans med oss.",
    "Du har erfarenhet av {0} och goda kunskaper inom {1}.",
    "I rollen ingår {0}, {1} samt löpande kontakter med kunder och kollegor.",
    "Meriterande är kunskap om {0}.",
    "Tjänsten är en tillsvidareanställning på heltid med placering i Sundsvall.",
    "Vi erbjuder kollektivavtal, friskvårdsbidrag och goda möjligheter till kompetensutveckling.",
    "Som person är du strukturerad, ansvarstagande och har lätt för att samarbeta.",
    "Du behöver kunna {0} och ha B-körkort.",
    "Urval sker löpande, så skicka in din ansökan redan idag.",
)


def synthetic_ads(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` synthetic ads (columns ``headline``, ``description``) from taxonomy labels."""
    from kompetensbron.config import get_settings
    from kompetensbron.sources.reference_files import read_reference_snapshot

    snapshot = read_reference_snapshot(get_settings().data_dir)
    rng = random.Random(seed)
    names = [n.label for n in snapshot.occupation_names]
    skills = [s.label.split("/")[0].split(",")[0] for s in snapshot.skills] + [e.label_sv for e in snapshot.esco_skills]
    headlines, descriptions = [], []
    for _ in range(n):
        headlines.append(rng.choice(title_variants(rng.choice(names), rng))[1])
        parts: list[str] = []
        size = 0
        while size < 2000:
            sentence = rng.choice(_SENTENCES).format(rng.choice(skills).lower(), rng.choice(skills).lower())
            parts.append(sentence)
            size += len(sentence) + 1
        descriptions.append(" ".join(parts))
    return pd.DataFrame({"headline": headlines, "description": descriptions})


def _run(handle, frame: pd.DataFrame) -> tuple[int, float]:  # noqa: ANN001 - an EnricherHandle
    """(ads enriched, CPU seconds used) in a worker process."""
    started = time.process_time()
    return len(handle(frame)), time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    enricher = load_enricher()
    print(f"load_enricher: {time.perf_counter() - t0:.1f} s ({enricher.path})")
    frame = synthetic_ads(args.ads, args.seed)
    mean_len = frame["description"].str.len().mean()
    print(f"{len(frame)} synthetic ads, mean description {mean_len:.0f} characters")

    cold = Enricher.load(enricher.path)  # fresh word caches, as a new worker has
    t0, c0 = time.perf_counter(), time.process_time()
    out = cold.enrich_frame(frame)
    cold_s, cold_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    cold.enrich_frame(frame)
    warm_s, warm_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0 = time.perf_counter()
    cold.classifier.classify_many(frame["headline"].tolist(), k=1)
    titles_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for text in frame["description"]:
        cold.extractor.skill_ids(text)
    skills_s = time.perf_counter() - t0
    n = len(frame)
    print(f"enrich_frame, 1 process, cold caches: {n / cold_s:,.0f} ads/s ({n / cold_cpu:,.0f} per CPU-second)")
    print(f"enrich_frame, 1 process, warm caches: {n / warm_s:,.0f} ads/s ({n / warm_cpu:,.0f} per CPU-second)")
    print(
        f"  of which headline classification:  {n / titles_s:,.0f} ads/s; skill extraction: {n / skills_s:,.0f} ads/s"
    )
    print(f"mean skills per ad: {out['skill_ids'].str.len().mean():.1f}")

    if args.workers > 1:
        chunks = [frame.iloc[i : i + args.chunk] for i in range(0, n, args.chunk)]
        handle = enricher.handle()
        with mp.get_context("spawn").Pool(args.workers) as pool:
            pool.starmap(_run, [(handle, frame.head(10))] * args.workers)  # load the model in each worker
            for label in ("first pass", "second pass"):
                t0 = time.perf_counter()
                done = pool.starmap(_run, [(handle, c) for c in chunks])
                wall = time.perf_counter() - t0
                total, cpu = sum(d[0] for d in done), sum(d[1] for d in done)
                print(
                    f"enrich_frame, {args.workers} processes, {label}: {total / wall:,.0f} ads/s "
                    f"({total / cpu:,.0f} per CPU-second in the workers)"
                )
    print(
        f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (other work on the machine slows all figures)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
