def skipDueToHang(cls):
    return unittest.skipIf(
        greentest.PYPY3 and greentest.RUNNING_ON_CI,
        "SKIPPED: Timeout on PyPy3 on Travis"
    )(cls)
