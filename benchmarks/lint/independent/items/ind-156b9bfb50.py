@skip.unless_module('bz2')
def test_compress__decompress__bzip2(self):
    text = b'The Brown Quick Fox Over The Lazy Dog Jumps'
    c, ctype = compression.compress(text, 'bzip2')
    assert text != c
    d = compression.decompress(c, ctype)
    assert d == text
