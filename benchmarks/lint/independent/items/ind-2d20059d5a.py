@pytest.mark.skipif('not has_pytz')
@pytest.mark.parametrize('tzname', ('UTC', 'PST8PDT', 'Asia/Seoul'))
def test_jsonify_aware_datetimes(self, tzname):
    """Test if aware datetime.datetime objects are converted into GMT."""
    dt_naive = datetime.datetime(2017, 1, 1, 12, 34, 56)
    dt_aware = timezone(tzname).localize(dt_naive)
    dt_as_gmt = dt_aware.astimezone(timezone('GMT'))
    expected = dt_as_gmt.strftime('"%a, %d %b %Y %H:%M:%S %Z"')
    assert flask.json.JSONEncoder().encode(dt_aware) == expected
