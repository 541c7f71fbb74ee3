@pytest.mark.parametrize(
    "opener",
    [
        lambda app: open(os.path.join(app.static_folder, "index.html"), "rb"),
        lambda app: io.BytesIO(b"Test"),
        pytest.param(
            lambda app: StringIO("Test"),
            marks=pytest.mark.skipif(not PY2, reason="Python 2 only"),
        ),
        lambda app: PyStringIO(b"Test"),
    ],
)
@pytest.mark.usefixtures("req_ctx")
def test_send_file_object(self, app, opener):
    file = opener(app)
    app.use_x_sendfile = True
    rv = flask.send_file(file, mimetype="text/plain")
    rv.direct_passthrough = False
    assert rv.data
    assert rv.mimetype == "text/plain"
    assert "x-sendfile" not in rv.headers
    rv.close()
