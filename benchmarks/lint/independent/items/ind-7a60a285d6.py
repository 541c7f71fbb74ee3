@pytest.mark.xfail
def test_two_classes_separated_autouse(self, testdir):
    testdir.makepyfile("""
        import pytest
        class TestA:
            l = []
            @pytest.fixture(autouse=True)
            def setup1(self):
                self.l.append(1)
            def test_setup1(self):
                assert self.l == [1]
        class TestB:
            l = []
            @pytest.fixture(autouse=True)
            def setup2(self):
                self.l.append(1)
            def test_setup2(self):
                assert self.l == [1]
    """)
    reprec = testdir.inline_run()
    reprec.assertoutcome(passed=2)
