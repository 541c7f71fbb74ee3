@pytest.mark.skipif(env.PY2, reason="Expected failure: peephole optimization of jumps to jumps")
def test_strange_unexecuted_continue(self):
    # Peephole optimization of jumps to jumps can mean that some statements
    # never hit the line tracer.  The behavior is different in different
    # versions of Python, so be careful when running this test.
    self.check_coverage("""\
        a = b = c = 0
        for n in range(100):
            if n % 2:
                if n % 4:
                    a += 1
                continue    # <-- This line may not be hit.
            else:
                b += 1
            c += 1
        assert a == 50 and b == 50 and c == 50

        a = b = c = 0
        for n in range(100):
            if n % 2:
                if n % 3:
                    a += 1
                continue    # <-- This line is always hit.
            else:
                b += 1
            c += 1
        assert a == 33 and b == 50 and c == 50
        """,
        lines=[1,2,3,4,5,6,8,9,10, 12,13,14,15,16,17,19,20,21],
        missing=["", "6"],
    )
