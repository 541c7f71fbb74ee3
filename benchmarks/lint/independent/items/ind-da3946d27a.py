def test_disable_restart(self, pytester: pytest.Pytester) -> None:
    f = pytester.makepyfile(
        """
        import os
        def test_a(): pass
        def test_b(): os._exit(1)
        def test_c(): pass
    """
    )
    res = pytester.runpytest(f, "-n4", "--max-worker-restart=0")
    res.stdout.fnmatch_lines(
        [
            "worker gw* crashed and worker restarting disabled",
            "*worker*crashed while running*",
            "* xdist: worker gw* crashed and worker restarting disabled *",
            "* 1 failed, 2 passed in *",
        ]
    )
