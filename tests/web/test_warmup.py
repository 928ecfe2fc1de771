"""The server's warm-up thread loads the Yrkesbarometer files and the skill extractor, and a
failure there is logged, never raised (pages load what they need themselves)."""

from __future__ import annotations

import logging

from kompetensbron.analysis import barometer_data as bd
from kompetensbron.dossier import figures, mapping
from kompetensbron.web import warmup


def test_warmup_loads_both_artefacts(monkeypatch):
    loaded = []
    monkeypatch.setattr(bd, "barometer_data", lambda d: loaded.append(("barometer", d)))
    monkeypatch.setattr(figures, "skill_extractor", lambda: loaded.append(("extractor", None)))
    monkeypatch.setattr(mapping, "occupation_mapper", lambda: loaded.append(("mapper", None)))
    warmup.start_warmup().join(timeout=30)
    assert [k for k, _ in loaded] == ["barometer", "extractor", "mapper"]


def test_warmup_failure_is_logged(monkeypatch, caplog):
    def broken(d):
        raise FileNotFoundError("1-ar.xlsx")

    monkeypatch.setattr(bd, "barometer_data", broken)
    with caplog.at_level(logging.WARNING, logger="kompetensbron.web.warmup"):
        warmup.warm_up()
    assert "1-ar.xlsx" in caplog.text
