try:
    assert major == 1
    assert minor >= 21
    assert minor <= 22
except AssertionError:
    raise RuntimeError('Requests dependency \'urllib3\' must be version >= 1.21.1, < 1.22!')


# Check chardet for compatibility.
