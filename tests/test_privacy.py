"""The personal-data registry calls every registered app's handlers."""

from __future__ import annotations

from kompetensbron import privacy


def test_registered_handlers_are_called_by_name(monkeypatch):
    monkeypatch.setattr(privacy, "_handlers", {})
    erased: list[str] = []
    privacy.register_personal_data("b", export=lambda u: {"who": u}, erase=lambda u: erased.append("b") or 2)
    privacy.register_personal_data("a", export=lambda u: {"n": 1}, erase=lambda u: erased.append("a") or 1)
    assert [h.name for h in privacy.handlers()] == ["a", "b"]
    assert privacy.export_all("x") == {"a": {"n": 1}, "b": {"who": "x"}}
    assert privacy.erase_all("x") == {"a": 1, "b": 2}
    assert erased == ["a", "b"]


def test_registering_again_replaces(monkeypatch):
    monkeypatch.setattr(privacy, "_handlers", {})
    privacy.register_personal_data("a", export=lambda u: {"v": 1}, erase=lambda u: 0)
    privacy.register_personal_data("a", export=lambda u: {"v": 2}, erase=lambda u: 0)
    assert privacy.export_all(None) == {"a": {"v": 2}}
