def test_mydb(self, mydb: None) -> None:  # noqa: ARG002
    if not connection.features.supports_transactions:
        pytest.skip("transactions required for this test")

    # Check the fixture had access to the db
    item = Item.objects.get(name="spam")
    assert item
