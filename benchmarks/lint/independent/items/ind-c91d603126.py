@pytest.mark.skipif(not is_py3, reason="doc attribute is only present on py3")
def test_json_decode_persists_doc_attr(self, httpbin):
    r = requests.get(httpbin('bytes/20'))
    with pytest.raises(requests.exceptions.JSONDecodeError) as excinfo:
        r.json()
    assert excinfo.value.doc == r.text
