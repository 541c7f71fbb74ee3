@pytest.mark.skipif(get_django_version() < (3, 2), reason="Django >= 3.2 required")
def test_durable_transactions(self, all_dbs: None) -> None:
    with transaction.atomic(durable=True):
        item = Item.objects.create(name="foo")
    assert Item.objects.get() == item
