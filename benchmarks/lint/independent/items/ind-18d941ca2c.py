@pytest.mark.xfail(env.PYVERSION < (3, 10), reason="<3.10 traced final pass incorrectly")
def test_incorrect_loop_exit_bug_1175(self) -> None:
    self.check_coverage(
        """\
        def wrong_loop(x):
            if x:
                for i in [3, 33]:
                    print(i+4)
            else:
                pass

        wrong_loop(8)
        """,
        branchz="23 26 34 3.",
        branchz_missing="26",
    )
