@pytest.mark.skipif("sys.version_info < (2,5)")
def test_drop_short_help0(self, parser, capsys):
    parser.addoption('--func-args', '--doit', help = 'foo',
                     action='store_true')
    parser.parse([])
    help = parser.optparser.format_help()
    assert '--func-args, --doit  foo' in  help
