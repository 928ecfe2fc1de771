"""SSYK level selections: the examples of the module docstring, and refusals."""

from __future__ import annotations

import pytest

from kompetensbron.errors import ValidationFailed
from kompetensbron.region_levels import (
    EN_BATTRE_MATCHNING_NIO,
    PREDEFINED_GROUPS,
    STOCKHOLM_MALAREN,
    RegionGroup,
    RegionLevel,
)
from kompetensbron.ssyk_levels import SsykSelection


def test_docstring_examples() -> None:
    assert SsykSelection.parse("2,31").matches("2512") is True
    assert SsykSelection.parse("2,31").matches("3211") is False
    assert SsykSelection.parse("higher-education").matches("5321") is False
    assert SsykSelection.parse("higher-education").matches("1120") is True
    assert SsykSelection.parse("").matches("9111") is True
    assert SsykSelection.parse("").matches(None) is True
    assert SsykSelection.parse("2").matches(None) is False
    assert SsykSelection.parse(" 31 , 2 ,2").text == "2,31"
    assert SsykSelection.parse("higher-education").text == "higher-education"


@pytest.mark.parametrize("bad", ["2512", "x", "1,,abcd", ",".join(str(i) for i in range(100, 130)), "9" * 201])
def test_bad_selections_refused(bad: str) -> None:
    with pytest.raises(ValidationFailed) as exc:
        SsykSelection.parse(bad)
    assert "ssyk_level" in exc.value.errors


def test_stockholm_malaren_is_the_seven_lan_of_en_battre_matchning() -> None:
    # Mälardalsrådet: "strategisk kompetensförsörjning i sju län: Stockholm, Sörmland, Örebro,
    # Västmanland, Uppsala, Gävleborg och Östergötland"; widened later with Värmland and Dalarna
    assert STOCKHOLM_MALAREN.level == RegionLevel.LAN
    assert STOCKHOLM_MALAREN.codes == ("01", "03", "04", "05", "18", "19", "21")
    assert "Mälardalsrådet" in STOCKHOLM_MALAREN.description
    assert set(EN_BATTRE_MATCHNING_NIO.codes) == set(STOCKHOLM_MALAREN.codes) | {"17", "20"}
    assert list(PREDEFINED_GROUPS) == ["stockholm-malaren", "en-battre-matchning-nio"]
    with pytest.raises(ValueError):
        RegionGroup(key="x", name="x", level=RegionLevel.FA, codes=("1",))
    with pytest.raises(ValueError):
        RegionGroup(key="x", name="x", level=RegionLevel.LAN, codes=("01", "01"))
