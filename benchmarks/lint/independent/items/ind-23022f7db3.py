@pytest.mark.skipif(PY2, reason="io.IOBase is only needed in PY3.")
@pytest.mark.parametrize("stream", (tempfile.SpooledTemporaryFile, io.BytesIO))
def test_proxy_can_access_stream_attrs(self, stream):
    """``SpooledTemporaryFile`` doesn't implement some of
    ``IOBase``. Ensure that ``FileStorage`` can still access the
    attributes from the backing file object.

    https://github.com/pallets/werkzeug/issues/1344
    https://github.com/python/cpython/pull/3249
    """
    file_storage = self.storage_class(stream=stream())

    for name in ("fileno", "writable", "readable", "seekable"):
        assert hasattr(file_storage, name)
