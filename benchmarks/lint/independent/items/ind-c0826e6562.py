@pytest.mark.skipif(not env.PYBEHAVIOR.unpackings_pep448,
    reason="Don't have unpacked literals until 3.5"
)
def test_unpacked_literals(self):
    self.check_coverage("""\
        d = {
            'a': 2,
            'b': 3,
        }
        weird = {
            **d,
            **{'c': 7},
            'd': 8,
        }
        assert weird['b'] == 3
        """,
        arcz=".1 15 5A A."
    )
    self.check_coverage("""\
        l = [
            2,
            3,
        ]
        weird = [
            *l,
            *[7],
            8,
        ]
        assert weird[1] == 3
        """,
        arcz=".1 15 5A A."
    )
