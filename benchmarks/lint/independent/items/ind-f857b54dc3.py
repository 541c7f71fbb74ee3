def test_undefined_and_special_attributes(self):
    try:
        Undefined('Foo').__dict__
    except AttributeError:
        pass
    else:
        assert False, "Expected actual attribute error"
