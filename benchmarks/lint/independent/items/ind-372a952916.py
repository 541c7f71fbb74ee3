@pytest.mark.skipif(env.METACOV and testenv.SYS_MON, reason="buh")
def test_multiprocessing_with_branching(self, start_method: str) -> None:
    nprocs = 3
    upto = 30
    code = (SQUARE_OR_CUBE_WORK + MULTI_CODE).format(NPROCS=nprocs, UPTO=upto)
    total = sum(x*x if x%2 else x*x*x for x in range(upto))
    expected_out = f"{nprocs} pids, total = {total}"
    self.make_file("multi.py", code)
    self.make_file("multi.rc", """\
        [run]
        concurrency = multiprocessing
        branch = True
        omit = */site-packages/*
        """)

    out = self.run_command(f"coverage run --rcfile=multi.rc multi.py {start_method}")
    assert out.rstrip() == expected_out

    out = self.run_command("coverage combine -q")   # sneak in a test of -q
    assert out == ""
    out = self.run_command("coverage report -m")

    last_line = self.squeezed_lines(out)[-1]
    assert re.search(r"TOTAL \d+ 0 \d+ 0 100%", last_line)
