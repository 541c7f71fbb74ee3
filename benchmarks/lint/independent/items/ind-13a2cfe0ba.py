def test_max_worker_restart_die(self, pytester: pytest.Pytester) -> None:
    f = pytester.makepyfile(
        """
        import os
        os._exit(1)
    """
    )
    res = pytester.runpytest(f, "-n4", "--max-worker-restart=0")
    res.stdout.fnmatch_lines(
        [
            "* xdist: worker gw* crashed and worker restarting disabled *",
            "* no tests ran in *",
        ]
    )
