@pytest.mark.skipif(six.PY2, reason="shlex doesn't support unicode in py2")
def test_split_command_with_unicode(self):
    self.assertEqual(split_command('echo μ'), ['echo', 'μ'])
