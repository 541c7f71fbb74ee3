@pytest.mark.issue568
@pytest.mark.xfail(reason="markers smear on methods of base classes")
def test_mark_should_not_pass_to_siebling_class(self, testdir):
    p = testdir.makepyfile("""
        import pytest

        class TestBase(object):
            def test_foo(self):
                pass

        @pytest.mark.b
        class TestSub(TestBase):
            pass


        class TestOtherSub(TestBase):
            pass

    """)
    items, rec = testdir.inline_genitems(p)
    base_item, sub_item, sub_item_other = items
    assert not hasattr(base_item.obj, 'b')
    assert not hasattr(sub_item_other.obj, 'b')
