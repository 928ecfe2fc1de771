"""Reliability of title scores on unseen titles, before and after an isotonic recalibration.

    .venv/bin/python bench/title_reliability.py DUMP.jsonl

``DUMP.jsonl`` is written by ``bench/evaluate_titles_loco.py --dump``. For every (model, test
set): share right per score bin (10 equal-width bins, ``n:right``), ECE and the accuracy of
scores ≥ 0.9; then the same after an isotonic map score → P(right) fitted on leave-concepts-out
predictions, cross-fitted: the titles are split in two halves (CRC-32 of the text) and each half
is mapped by the isotonic fit on the other half, so no title is scored by a map that saw it.
"""

from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path

import numpy as np


def _ece(s: np.ndarray, c: np.ndarray) -> float:
    bins = np.clip((s * 10).astype(int), 0, 9)
    return float(sum(abs(s[bins == b].mean() - c[bins == b].mean()) * (bins == b).sum() for b in set(bins)) / s.size)


def _bins(s: np.ndarray, c: np.ndarray) -> str:
    bins = np.clip((s * 10).astype(int), 0, 9)
    return " ".join(f"{b / 10:.1f}–: {int((bins == b).sum())}:{c[bins == b].mean():.2f}" for b in sorted(set(bins)))


def _confident(s: np.ndarray, c: np.ndarray) -> str:
    mask = s >= 0.9
    return f"{c[mask].mean():.2f} / {int(mask.sum())}" if mask.any() else "– / 0"


def main(argv: list[str] | None = None) -> int:
    from sklearn.isotonic import IsotonicRegression

    rows = [json.loads(line) for line in Path((argv or sys.argv[1:])[0]).read_text(encoding="utf-8").splitlines()]
    print(
        "| model | test set | n | right | mean score | ECE | ≥ 0.9 right / n | ECE, isotonic (cross-fitted) | ≥ 0.9 right / n |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    details = []
    for model in dict.fromkeys(r["model"] for r in rows):
        for kind in dict.fromkeys(r["set"] for r in rows):
            sel = [r for r in rows if r["model"] == model and r["set"] == kind]
            if not sel:
                continue
            s = np.array([r["score"] for r in sel], dtype=float)
            c = np.array([r["ssyk"] == r["gold"] for r in sel], dtype=float)
            half = np.array([zlib.crc32(r["text"].encode()) % 2 for r in sel])
            mapped = s.copy()
            for h in (0, 1):
                if (half != h).any() and (half == h).any():
                    iso = IsotonicRegression(y_min=0, y_max=1, out_of_bounds="clip").fit(s[half != h], c[half != h])
                    mapped[half == h] = iso.predict(s[half == h])
            print(
                f"| {model} | {kind} | {s.size} | {c.mean():.3f} | {s.mean():.3f} | {_ece(s, c):.3f} | "
                f"{_confident(s, c)} | {_ece(mapped, c):.3f} | {_confident(mapped, c)} |"
            )
            details.append(f"{model} | {kind}: score bin n:right  {_bins(s, c)}")
    print()
    print("\n".join(details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
