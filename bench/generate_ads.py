"""Write clearly synthetic job ads in the JobTech format, for benchmarks only.

Usage::

    .venv/bin/python bench/generate_ads.py N OUT.jsonl [--seed 1] [--data-dir PATH]

Each ad is ~2 KB of JSON Lines: ``"synthetic": true``, an id ``synthetic-<n>``, a headline
and a description built from real JobTech occupation-names and skill labels of the data
directory (the 2025 SSYK hierarchy, ``skills.json`` and the municipalities of
``values.json``), a kommun, a publication date in 2019-2025 and 2-6 employer-tagged skills.
Occupations follow a skewed (Zipf-like) distribution so top-N queries are meaningful.
The text is filler: never use these ads for anything but performance measurements.

The file is written in a streaming way (batches of 10,000 ads), ≥ 20,000 ads/s here.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kompetensbron.config import get_settings  # noqa: E402

BATCH = 10_000
FILLER = (
    "Detta är en syntetisk annons som genererats för prestandatester av Kompetensbron. "
    "Den beskriver ingen verklig tjänst och ingen verklig arbetsgivare. "
)
SENTENCES = (
    "Du kommer att arbeta som {occ} i ett team med erfarna kollegor i {mun}.",
    "Vi ser gärna att du har erfarenhet av {s1} och {s2}.",
    "Meriterande är kunskaper inom {s3}.",
    "I rollen ingår planering, uppföljning och utveckling av verksamheten inom {s1}.",
    "Tjänsten är placerad i {mun} och du rapporterar till enhetschefen.",
    "Vi erbjuder en arbetsplats där {occ} får utvecklas, med kollektivavtal och friskvårdsbidrag.",
    "Som {occ} hos oss har du ett nära samarbete med andra yrkesgrupper.",
    "Du har god förmåga att kommunicera på svenska, i tal och skrift.",
)


def _load(data_dir: Path) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Occupations (name id, label, group id, group label, ssyk), kommuner, skills."""
    hierarchy = orjson.loads((data_dir / "jobtech/taxonomy/the-ssyk-hierarchy-with-occupations.json").read_bytes())
    occupations: list[tuple] = []
    stack = list(hierarchy["data"]["concepts"])
    while stack:
        node = stack.pop()
        if node.get("type") == "ssyk-level-4":
            for name in node.get("narrower", []):
                occupations.append(
                    (name["id"], name["preferred_label"], node["id"], node["preferred_label"], node["ssyk_code_2012"])
                )
        else:
            stack.extend(node.get("narrower", []))
    occupations.sort()
    values = orjson.loads((data_dir / "jobtech/taxonomy-2021/values.json").read_bytes())
    kommuner = sorted(
        (
            v["concept_id"],
            v["label"],
            v["legacy_ams_taxonomy_id"],
            v["parent"]["concept_id"],
            v["parent"]["label"],
            v["parent"]["legacy_ams_taxonomy_id"],
        )
        for v in values
        if v.get("type") == "municipality" and v.get("parent")
    )
    skills_raw = orjson.loads((data_dir / "jobtech/taxonomy/skills.json").read_bytes())
    skills = sorted((s["id"], s["preferred_label"]) for s in skills_raw["data"]["concepts"])
    return occupations, kommuner, skills


def generate(n: int, out: Path, *, seed: int = 1, data_dir: Path | None = None) -> float:
    """Write ``n`` synthetic ads to ``out``; return the ads per second achieved."""
    occupations, kommuner, skills = _load(data_dir or get_settings().data_dir)
    rng = random.Random(seed)
    occ_weights = [1.0 / (rank + 10) for rank in range(len(occupations))]
    rng.shuffle(occ_weights)
    occ_cum = []
    total = 0.0
    for w in occ_weights:
        total += w
        occ_cum.append(total)
    mun_weights = [1.0 / (rank + 3) for rank in range(len(kommuner))]
    rng.shuffle(mun_weights)
    mun_cum = []
    total = 0.0
    for w in mun_weights:
        total += w
        mun_cum.append(total)
    days = [
        (date(2019, 1, 1) + timedelta(days=d)).isoformat()
        for d in range((date(2025, 12, 31) - date(2019, 1, 1)).days + 1)
    ]
    filler = []
    for _ in range(64):
        o, k, sk = rng.choice(occupations), rng.choice(kommuner), rng.sample(skills, 3)
        words = {"occ": o[1].lower(), "mun": k[1], "s1": sk[0][1], "s2": sk[1][1], "s3": sk[2][1]}
        filler.append(FILLER + " ".join(s.format(**words) for s in rng.sample(SENTENCES, 5)))
    started = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    dumps = orjson.dumps
    with open(out, "wb", buffering=1 << 22) as fh:
        for start in range(0, n, BATCH):
            count = min(BATCH, n - start)
            occ_idx = rng.choices(range(len(occupations)), cum_weights=occ_cum, k=count)
            mun_idx = rng.choices(range(len(kommuner)), cum_weights=mun_cum, k=count)
            lines = []
            for i in range(count):
                number = start + i
                occ_id, occ_label, grp_id, grp_label, ssyk = occupations[occ_idx[i]]
                mun_id, mun_label, kommunkod, reg_id, reg_label, lanskod = kommuner[mun_idx[i]]
                picked = rng.sample(skills, rng.randint(2, 6))
                fmt = {
                    "occ": occ_label.lower(),
                    "mun": mun_label,
                    "s1": picked[0][1],
                    "s2": picked[1][1],
                    "s3": picked[-1][1],
                }
                body = " ".join(s.format(**fmt) for s in SENTENCES)
                description = f"{body} {filler[number & 63]}"
                employer = f"Syntetisk arbetsgivare {number % 5000} AB"
                ad = {
                    "id": f"synthetic-{number}",
                    "synthetic": True,
                    "headline": f"{occ_label} till {employer}",
                    "number_of_vacancies": 1 + (number % 7 == 0) + (number % 31 == 0) * 3,
                    "description": {"text": description},
                    "employer": {"name": employer, "organization_number": None},
                    "occupation": {"concept_id": occ_id, "label": occ_label, "legacy_ams_taxonomy_id": None},
                    "occupation_group": {"concept_id": grp_id, "label": grp_label, "legacy_ams_taxonomy_id": ssyk},
                    "workplace_address": {
                        "municipality": mun_label,
                        "municipality_code": kommunkod,
                        "municipality_concept_id": mun_id,
                        "region": reg_label,
                        "region_code": lanskod,
                        "region_concept_id": reg_id,
                    },
                    "must_have": {"skills": [{"concept_id": s[0], "label": s[1]} for s in picked[:2]]},
                    "nice_to_have": {"skills": [{"concept_id": s[0], "label": s[1]} for s in picked[2:]]},
                    "publication_date": f"{days[rng.randrange(len(days))]}T{8 + number % 10:02d}:00:00",
                    "removed": False,
                }
                lines.append(dumps(ad))
            fh.write(b"\n".join(lines))
            fh.write(b"\n")
    elapsed = time.perf_counter() - started
    return n / elapsed if elapsed else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of ads")
    parser.add_argument("out", type=Path, help="output .jsonl file")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    rate = generate(args.n, args.out, seed=args.seed, data_dir=args.data_dir)
    size = args.out.stat().st_size
    print(f"wrote {args.n:,} synthetic ads to {args.out} ({size / args.n:,.0f} bytes/ad) at {rate:,.0f} ads/s")


if __name__ == "__main__":
    main()
