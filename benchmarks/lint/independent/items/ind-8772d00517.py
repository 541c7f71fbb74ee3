@pytest.mark.parametrize(
    "opener",
    [
        lambda app: io.StringIO(u"Test"),
        pytest.param(
            lambda app: open(os.path.join(app.static_folder, "index.html")),
            marks=pytest.mark.skipif(PY2, reason="Python 3 only"),
        ),
    ],
)
@pytest.mark.usefixtures("req_ctx")
def test_send_file_text_fails(self, app, opener):
    file = opener(app)

    with pytest.raises(ValueError):
        flask.send_file(file, mimetype="text/plain")

    file.close()
