@pytest.mark.skipif(env.PY2,
    reason="Python 2 runs __main__ twice, I can't be bothered to make it work."
)
def test_coverage_run_dashm_dir_with_init_is_like_python(self):
    with open(TRY_EXECFILE) as f:
        self.make_file("with_main/__main__.py", f.read())
    self.make_file("with_main/__init__.py", "")

    expected = self.run_command("python -m with_main")
    actual = self.run_command("coverage run -m with_main")
    self.assert_tryexecfile_output(expected, actual)
