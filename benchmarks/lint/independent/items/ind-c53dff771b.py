@pytest.mark.xfail(reason="#3697 - not capturing propagate=False loggers yet")
def test_log_propagation_false(pytester: Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        import logging

        logging.getLogger('foo').propagate = False

        def test_log_file(request):
            logging.getLogger().warning("log goes to root logger")
            logging.getLogger('foo').warning("log goes to initially non-propagating logger")
            logging.getLogger('foo.bar').propagate = False
            logging.getLogger('foo.bar').warning("log goes to propagation-disabled-in-test logger")
            assert False, "intentionally fail to trigger report logging output"
    """
    )

    reprec = pytester.inline_run()
    reports = reprec.getfailures()
    assert len(reports) == 1
    report = reports[0]
    sections = list(report.get_sections("Captured log call"))
    assert len(sections) == 1
    assert sections[0][1] == "\n".join(
        [
            "WARNING  root:test_log_propagation_false.py:7 log goes to root logger",
            "WARNING  foo:test_log_propagation_false.py:8 log goes to initially non-propagating logger",
            "WARNING  foo.bar:test_log_propagation_false.py:10 log goes to propagation-disabled-in-test logger",
        ]
    )
    assert not list(report.get_sections("Captured stderr call"))
