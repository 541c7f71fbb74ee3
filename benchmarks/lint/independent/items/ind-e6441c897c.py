@pytest.mark.xfail(sys.version_info < (3, 7), reason="no module-level getattr")
def test_deprecated_joblib_exceptions():
    assert 'JoblibException' in _deprecated_exceptions
    for name in _deprecated_exceptions:
        msg = ('{} is deprecated and will be removed from joblib in '
               '0.16'.format(name))
        with pytest.warns(DeprecationWarning, match=msg):
            exec('from joblib.my_exceptions import {}'.format(name))
