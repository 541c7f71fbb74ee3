assert len(tqdm._instances) == 0
our_file.seek(0)
try:
    assert res + '\n' == our_file.read()
except AssertionError:
    our_file.seek(0)
    raise AssertionError('\n'.join(
        ('expected extra line (\\n) after `close`:',
         'before:', res, 'closed:', our_file.read(), 'end debug\n')))
