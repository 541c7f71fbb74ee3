@pytest.mark.skipif(env.METACOV and testenv.SYS_MON, reason="buh")
def test_multiprocessing_append(self, start_method: str) -> None:
    nprocs = 3
    upto = 30
    code = (SQUARE_OR_CUBE_WORK + MULTI_CODE).format(NPROCS=nprocs, UPTO=upto)
    total = sum(x*x if x%2 else x*x*x for x in range(upto))
    expected_out = f"{nprocs} pids, total = {total}"
    self.try_multiprocessing_code(
        code,
        expected_out,
        threading,
        nprocs,
        args="--append",
        start_method=start_method,
    )
