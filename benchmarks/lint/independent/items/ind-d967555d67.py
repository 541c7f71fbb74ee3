def test_no_specific_given_modification(self) -> None:
    self.configuration.load()

    try:
        self.configuration.set_value("test.hello", "10")
    except ConfigurationError:
        pass
    else:
        assert False, "Should have raised an error."
