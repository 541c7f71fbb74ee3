for line in result.outlines:
    try:
        assert "This log message won't be shown" in line
        pytest.fail("A log message was shown and it shouldn't have been")
    except AssertionError:
        continue

# make sure that that we get a '0' exit code for the testsuite
assert result.ret == 0
