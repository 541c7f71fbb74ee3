@pytest.mark.skipif(get_django_version() < (3, 1), reason="Django >= 3.1 required")
def test_async_client(async_client) -> None:
    from django.test.client import AsyncClient

    assert isinstance(async_client, AsyncClient)
