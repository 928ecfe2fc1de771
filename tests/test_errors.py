from kompetensbron import errors


def test_hierarchy_is_documented_and_complete():
    for name in errors.__all__:
        cls = getattr(errors, name)
        assert issubclass(cls, errors.KompetensbronError)
        assert name in errors.__doc__


def test_data_error_names_file_line_and_key():
    e = errors.DataFileMalformed("not a number", path="/d/x.csv", line=7, key="population")
    assert str(e) == "/d/x.csv, line 7, key 'population': not a number"
    assert str(errors.DataFileMalformed("empty")) == "empty"
