@pytest.mark.skipif(True, reason='Locks up :-/')
def test_reloader_broken_imports(tmpdir, dev_server):
    server = dev_server('''
    def app(environ, start_response):
        import real_app
        return real_app.real_app(environ, start_response)

    kwargs['use_reloader'] = True
    ''')

    assert any('app.py' in str(x) for x in tmpdir.listdir())
    tmpdir.join('real_app.py').write("lol syntax error")
    connection = httplib.HTTPConnection(server.addr)
    connection.request('GET', '/')
    response = connection.getresponse()
    assert response.status == 500

    tmpdir.join('real_app.py').write(textwrap.dedent('''
    def real_app(environ, start_response):
        start_response('200 OK', [('Content-Type', 'text/html')])
        return [b'hello']
    '''))
    connection.request('GET', '/')
    response = connection.getresponse()
    assert response.status == 200
    assert response.read() == b'hello'
