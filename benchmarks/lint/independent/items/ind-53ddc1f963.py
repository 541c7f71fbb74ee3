@pytest.mark.skipif(env.JYTHON, reason="Jython doesn't like accented file names")
def test_accenteddotpy_not_python(self):
    # We run a .py file with a non-ascii name, and when reporting, we can't
    # parse it as Python.  We should get an error message in the report.

    self.make_data_file(lines={"accented\xe2.py": [1]})
    self.make_file("accented\xe2.py", "This isn't python at all!")
    cov = coverage.Coverage()
    cov.load()
    msg = r"Couldn't parse '.*[/\\]accented\xe2.py' as Python source: '.*' at line 1"
    with pytest.raises(NotPython, match=msg):
        self.get_report(cov, morfs=["accented\xe2.py"])
