def test_excepthook(self) -> None:
    self.make_file(
        "excepthook.py",
        """\
        import sys

        def excepthook(*args):
            print('in excepthook')
            if maybe == 2:
                print('definitely')

        sys.excepthook = excepthook

        maybe = 1
        raise RuntimeError('Error Outside')
        """,
    )
    cov_st, cov_out = self.run_command_status("coverage run excepthook.py")
    py_st, py_out = self.run_command_status("python excepthook.py")
    assert cov_st == py_st
    assert cov_st == 1
    assert "in excepthook" in py_out
    assert cov_out == py_out

    # Read the coverage file and see that excepthook.py has 7 lines
    # executed.
    data = coverage.CoverageData()
    data.read()
    print(f"{line_counts(data) = }")
    print(f"{data = }")
    print("data.lines excepthook.py:", data.lines(os.path.abspath("excepthook.py")))
    assert line_counts(data)["excepthook.py"] == 7
