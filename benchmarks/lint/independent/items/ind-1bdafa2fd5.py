@pytest.mark.xfail
def test_includes_timestr(self):
    timestr = "2020-13-97T44:61:83"

    try:
        parse(timestr)
    except ParserError as e:
        assert e.args[1] == timestr
    else:
        pytest.fail("Failed to raise ParserError")
