def requires_connection(self):
    # Transfer() -> explodes
    try:
        Transfer()
    except TypeError:
        pass
    else:
        assert False, "Did not raise ArgumentError"
    # Transfer(Connection()) -> happy, exposes an attribute
    cxn = Connection("host")
    assert Transfer(cxn).connection is cxn
