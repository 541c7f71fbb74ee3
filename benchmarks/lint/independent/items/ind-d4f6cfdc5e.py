def test_pathlib(tmpdir):
    try:
        from pathlib import Path
    except ImportError:
        pass
    else:
        filename = tmpdir.join('test.pkl').strpath
        value = 123
        numpy_pickle.dump(value, Path(filename))
        assert numpy_pickle.load(filename) == value
        numpy_pickle.dump(value, filename)
        assert numpy_pickle.load(Path(filename)) == value
