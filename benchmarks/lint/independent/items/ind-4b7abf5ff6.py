def test_unpack_wheel_no_flatten(self):
    from pip import utils
    from tempfile import mkdtemp
    from shutil import rmtree

    filepath = '../data/packages/meta-1.0-py2.py3-none-any.whl'
    if not os.path.exists(filepath):
        pytest.skip("%s does not exist" % filepath)
    try:
        tmpdir = mkdtemp()
        utils.unpack_file(filepath, tmpdir, 'application/zip', None)
        assert os.path.isdir(os.path.join(tmpdir, 'meta-1.0.dist-info'))
    finally:
        rmtree(tmpdir)
        pass
