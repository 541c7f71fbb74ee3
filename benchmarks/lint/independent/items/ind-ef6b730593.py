def test_ki_self():
    try:
        ki_self()
    except KeyboardInterrupt:
        pass
    else:
        assert False
