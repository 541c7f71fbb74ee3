@pytest.mark.gettz
@pytest.mark.xfail
def test_gettz_badzone():
    # Make sure passing a bad TZ string to gettz returns None
    # GH #800
    tzi = tz.gettz('🐼')
    assert tzi is None
