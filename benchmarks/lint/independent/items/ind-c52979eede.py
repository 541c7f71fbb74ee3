@pytest.mark.skipif(True, reason='Werkzeug doesn\'t respect specificity.')
def test_accept_wildcard_specificity(self):
    accept = self.storage_class([('asterisk', 0), ('star', 0.5), ('*', 1)])
    assert accept.best_match(['star', 'asterisk'], default=None) == 'star'
    assert accept.best_match(['asterisk', 'star'], default=None) == 'star'
    assert accept.best_match(['asterisk', 'times'], default=None) == \
        'times'
    assert accept.best_match(['asterisk'], default=None) is None
