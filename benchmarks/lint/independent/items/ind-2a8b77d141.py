@pytest.mark.skipif("sys.version_info < (3,5)")
def test_at_operator_issue1290(self, testdir):
    testdir.makepyfile(
        """
        class Matrix(object):
            def __init__(self, num):
                self.num = num
            def __matmul__(self, other):
                return self.num * other.num

        def test_multmat_operator():
            assert Matrix(2) @ Matrix(3) == 6"""
    )
    testdir.runpytest().assert_outcomes(passed=1)
