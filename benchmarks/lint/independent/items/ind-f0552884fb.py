@pytest.mark.skipif(get_django_version() < (1, 7),
                    reason="Django >= 1.7 required")
def test_serve_static_dj17_without_staticfiles_app(self, live_server,
                                                   settings):
    """
    Because ``django.contrib.staticfiles`` is not installed
    LiveServer can not serve statics with django >= 1.7 .
    """
    with pytest.raises(HTTPError):
        urlopen(live_server + '/static/a_file.txt').read()
