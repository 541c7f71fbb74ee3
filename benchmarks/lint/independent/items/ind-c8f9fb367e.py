@pytest.mark.parametrize(
    "fil",
    ["*dir", pytest.mark.skip("sys.version_info < (3,6)")(b"*dir")],
)
def test_visit_filterfunc_is_string(self, path1, fil):
    lst = []
    for i in path1.visit(fil):
        lst.append(i.relto(path1))
    assert len(lst), 2  # noqa: PLC1802,RUF040
    assert "sampledir" in lst
    assert "otherdir" in lst
