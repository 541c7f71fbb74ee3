def pytest_collection_modifyitems(config, items):
    skip_doctests = True

    # We do not want to run the doctests if multiprocessing is disabled
    # e.g. via the JOBLIB_MULTIPROCESSING env variable
    if mp is not None:
        try:
            # Only run doctests for numpy >= 2 and Python >= 3.10 to avoid
            # formatting changes
            import numpy as np

            if LooseVersion(np.__version__) >= LooseVersion("2") and sys.version_info[
                :2
            ] >= (3, 10):
                skip_doctests = False
        except ImportError:
            pass

    if skip_doctests:
        reason = (
            "doctests are only run in some conditions, see conftest.py for more details"
        )
        skip_marker = pytest.mark.skip(reason=reason)

        for item in items:
            if isinstance(item, DoctestItem):
                item.add_marker(skip_marker)

    if lz4 is None:
        for item in items:
            if item.name == "persistence.rst":
                item.add_marker(pytest.mark.skip(reason="lz4 is missing"))
