@unittest.expectedFailure
def test_subprocess_with_pth_files_and_parallel(self):  # pragma: not covered
    # https://bitbucket.org/ned/coveragepy/issues/492/subprocess-coverage-strange-detection-of
    if env.METACOV:
        self.skip("Can't test sub-process pth file suppport during metacoverage")

    self.make_file("coverage.ini", """\
        [run]
        parallel = true
        """)

    self.set_environ("COVERAGE_PROCESS_START", "coverage.ini")
    self.run_command("coverage run main.py")

    with open("out.txt") as f:
        self.assertEqual(f.read(), "Hello, world!\n")

    self.run_command("coverage combine")

    # assert that the combined .coverage data file is correct
    self.assert_exists(".coverage")
    data = coverage.CoverageData()
    data.read_file(".coverage")
    self.assertEqual(data.line_counts()['sub.py'], 2)

    # assert that there are *no* extra data files left over after a combine
    data_files = glob.glob(os.getcwd() + '/.coverage*')
    self.assertEquals(len(data_files), 1,
        "Expected only .coverage after combine, looks like there are " + \
        "extra data files that were not cleaned up: %r" % data_files)
