@skip.unless_module('bz2')
def test_encoders__bz2(self):
    assert 'application/x-bz2' in compression.encoders()
