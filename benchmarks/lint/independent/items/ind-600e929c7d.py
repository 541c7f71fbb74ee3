@pytest.mark.xfail(
    env.PYPY and env.PYVERSION[:2] == (3, 8) and env.PYPYVERSION >= (7, 3, 11),
    reason="https://foss.heptapod.net/pypy/pypy/-/issues/3882",
)
def test_if_not_debug(self) -> None:
    if env.PYBEHAVIOR.optimize_if_not_debug == 1:
        branchz = "23 28 34 37"
    elif env.PYBEHAVIOR.optimize_if_not_debug == 2:
        branchz = "23 28 35 37"
    else:
        assert env.PYBEHAVIOR.optimize_if_not_debug == 3
        branchz = "23 28 32 37"

    self.check_coverage("""\
        lines = set()
        for value in [True, False]:
            if value:
                if not __debug__:
                    lines.add(5)
            else:
                lines.add(7)
        assert lines == set([7])
        """,
        branchz=branchz,
    )
