@pytest.mark.skipif(
    get_django_version() < (1, 8),
    reason='Django 1.7 requires settings.SITE_ID to be set, so this test is invalid'
)
@pytest.mark.django_db
@pytest.mark.parametrize('site_name', ['site1', 'site2'])
def test_clear_site_cache(site_name, rf, monkeypatch):
    request = rf.get('/')
    monkeypatch.setattr(request, 'get_host', lambda: 'foo.com')
    Site.objects.create(domain='foo.com', name=site_name)
    assert Site.objects.get_current(request=request).name == site_name
