@pytest.mark.skipif(env.PYVERSION == (3, 5, 4, 'final', 0, 0),
    reason="3.5.4 broke this: https://bugs.python.org/issue32551"
)
def test_coverage_run_dir_is_like_python_dir(self):
    with open(TRY_EXECFILE) as f:
        self.make_file("with_main/__main__.py", f.read())

    expected = self.run_command("python with_main")
    actual = self.run_command("coverage run with_main")

    # PyPy includes the current directory in the path when running a
    # directory, while CPython and coverage.py do not.  Exclude that from
    # the comparison also...
    if env.PYPY:
        ignored = re.escape(os.getcwd())
        expected = re_lines(expected, ignored, match=False)
        actual = re_lines(actual, ignored, match=False)
    self.assert_tryexecfile_output(expected, actual)
