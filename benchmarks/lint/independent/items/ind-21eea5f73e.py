@with_setup(pretest, posttest)
def test_iter_overhead():
    """ Test overhead of iteration based tqdm """
    total = int(1e6)

    with closing(StringIO()) as our_file:
        a = 0
        tic()
        for i in trange(total, file=our_file):
            a += i
        time_tqdm = toc()
        assert(a == (total * total - total) / 2.0)

    a = 0
    tic()
    for i in _range(total):
        a += i
    time_bench = toc()

    # Compute relative overhead of tqdm against native range()
    try:
        assert(time_tqdm < 9 * time_bench)
    except AssertionError:
        raise AssertionError('trange(%g): %f, range(%g): %f' %
                             (total, time_tqdm, total, time_bench))
