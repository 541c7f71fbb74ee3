@pytest.mark.skipif(sys.version_info < (2, 7),
                    reason="requires Python 2.7+")
def test_ciphers():
    from gunicorn.config import Ciphers

    assert issubclass(Ciphers, Setting)
    assert Ciphers.name == 'ciphers'
    assert Ciphers.section == 'SSL'
    assert Ciphers.cli == ['--ciphers']
    assert Ciphers.default == 'TLSv1'
