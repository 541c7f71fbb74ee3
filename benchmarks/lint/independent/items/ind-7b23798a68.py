@pytest.mark.skipif(sys.version_info < (3, 7), reason="requires Python >= 3.7")
def test_json_dump_dataclass(app, req_ctx):
    from dataclasses import make_dataclass

    Data = make_dataclass("Data", [("name", str)])
    value = flask.json.dumps(Data("Flask"), app=app)
    value = flask.json.loads(value, app=app)
    assert value == {"name": "Flask"}
