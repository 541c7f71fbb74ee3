@pytest.mark.xfail(reason='failing')
def test_tracebacks(server, caplog):
    with caplog.at_level(logging.ERROR, logger='cherrypy.error'):
        resp = requests.get('http://127.0.0.1:8080/error')

    rec = caplog.records[0]
    exc_cls, exc_msg = rec.exc_info[0], rec.message

    assert 'raise ValueError()' in resp.text
    assert 'HTTP' in exc_msg
    assert exc_cls is ValueError
