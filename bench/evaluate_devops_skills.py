"""Skill extraction against the skills employers tagged in real JobTech ads (issue 15).

    .venv/bin/python bench/evaluate_devops_skills.py [--data-dir DIR]

``jobtech/ads-sample-devops/`` holds 1,541 real ads (free text "devops", 2016–2023); the
employers tagged must-have / nice-to-have skills (JobTech skill concepts) in the few that have
them. The extractor (built as ``load_enricher`` builds it: the snapshot's skills, the Swedish
lexicon, the generic stoplist) reads headline + ad text; a tagged skill is
found when the extractor returns its concept id. Precision counts every extracted skill that was
not tagged as wrong, so it is a lower bound (employers tag a handful of the skills a text names).
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from pathlib import Path

from kompetensbron.config import get_settings


def tagged_ads(folder: Path) -> list[tuple[str, str, set[str], set[str]]]:
    """(id, text, must-have ids, nice-to-have ids) of the ads with at least one tagged skill."""
    out, seen = [], set()
    for path in sorted(glob.glob(str(folder / "job_listings_desired_*.json"))):
        for ad in json.loads(Path(path).read_text(encoding="utf-8")):
            must = {s["concept_id"] for s in ad.get("must_have.skills") or () if s.get("concept_id")}
            nice = {s["concept_id"] for s in ad.get("nice_to_have.skills") or () if s.get("concept_id")}
            if (must or nice) and ad["id"] not in seen:
                seen.add(ad["id"])
                out.append((ad["id"], f"{ad.get('headline') or ''}\n{ad.get('description.text') or ''}", must, nice))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    settings = get_settings()
    folder = (args.data_dir or settings.data_dir) / "jobtech" / "ads-sample-devops"
    from kompetensbron.enrich.occupation_classifier import build_lexicon
    from kompetensbron.enrich.reference_texts import read_enrichment_sources
    from kompetensbron.enrich.skill_extractor import SkillExtractor
    from kompetensbron.sources.reference_files import read_reference_snapshot

    data_dir = args.data_dir or settings.data_dir
    snapshot = read_reference_snapshot(data_dir)
    sources = read_enrichment_sources(data_dir)
    background = [[r.definition for r in snapshot.ssyk if r.definition], [d.text for d in sources.skill_descriptions]]
    extractor = SkillExtractor.build(snapshot, build_lexicon(snapshot, sources), background=background)
    ads = tagged_ads(folder)
    tp = fp = fn = 0
    found = {"must": [0, 0], "nice": [0, 0]}
    for _, text, must, nice in ads:
        pred = {m.skill_id for m in extractor.extract(text) if m.skill_id}
        gold = must | nice
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        for name, ids in (("must", must), ("nice", nice)):
            found[name][0] += len(ids & pred)
            found[name][1] += len(ids)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(
        f"ads with employer-tagged skills: {len(ads)}; tagged skills: {tp + fn} (must {found['must'][1]}, nice {found['nice'][1]})"
    )
    print(f"precision {p:.3f} (lower bound) | recall {r:.3f} | F1 {f1:.3f}")
    for name, (hit, n) in found.items():
        print(f"recall of {name}-have skills: {hit}/{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
