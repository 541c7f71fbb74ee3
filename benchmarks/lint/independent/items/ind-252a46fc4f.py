@pytest.mark.skipif(
    not env.CPYTHON,
    reason="non-CPython handles excepthook exits differently, punt for now.",
)
def test_excepthook_exit(self) -> None:
    self.make_file(
        "excepthook_exit.py",
        """\
        import sys

        def excepthook(*args):
            print('in excepthook')
            sys.exit(0)

        sys.excepthook = excepthook

        raise RuntimeError('Error Outside')
        """,
    )
    cov_st, cov_out = self.run_command_status("coverage run excepthook_exit.py")
    py_st, py_out = self.run_command_status("python excepthook_exit.py")
    assert cov_st == py_st
    assert cov_st == 0

    assert py_out == "in excepthook\n"
    assert cov_out == py_out
