def test_children_duplicates(self):
    # find the process which has the highest number of children
    table = collections.defaultdict(int)
    for p in psutil.process_iter():
        try:
            table[p.ppid()] += 1
        except psutil.Error:
            pass
    # this is the one, now let's make sure there are no duplicates
    pid = max(table.items(), key=lambda x: x[1])[0]
    if LINUX and pid == 0:
        return pytest.skip("PID 0")
    p = psutil.Process(pid)
    try:
        c = p.children(recursive=True)
    except psutil.AccessDenied:  # windows
        pass
    else:
        assert len(c) == len(set(c))
