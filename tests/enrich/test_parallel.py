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
    return pd.DataFrame({"ad_id": [f"a{i}" for i in range(n)], "headline": [titles[i % 4] for i in range(n)], "description": [texts[i % 4] for i in range(n)]})


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
