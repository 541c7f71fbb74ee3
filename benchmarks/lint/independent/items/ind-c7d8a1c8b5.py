def test_merging_markers(self, testdir):
    p = testdir.makepyfile("""
        import pytest
        pytestmark = pytest.mark.hello("pos1", x=1, y=2)
        class TestClass:
            # classlevel overrides module level
            pytestmark = pytest.mark.hello(x=3)
            @pytest.mark.hello("pos0", z=4)
            def test_func(self):
                pass
    """)
    items, rec = testdir.inline_genitems(p)
    item, = items
    keywords = item.keywords
    marker = keywords['hello']
    assert marker.args == ("pos0", "pos1")
    assert marker.kwargs == {'x': 3, 'y': 2, 'z': 4}

    # test the new __iter__ interface
    l = list(marker)
    assert len(l) == 3
    assert l[0].args == ("pos0",)
    pytest.xfail(reason="needs reordering of parametrize transfermarks")
    assert l[1].args == ()
    assert l[2].args == ("pos1", )
