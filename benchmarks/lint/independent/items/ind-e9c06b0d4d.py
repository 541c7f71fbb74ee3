def test_Sequence(self):
    if not hasattr(collections_abc, "MutableSequence"):
        pytest.skip("cannot import MutableSequence")
    MutableSequence = collections_abc.MutableSequence

    class TestSequence(MutableSequence):  # works with a Sequence subclass
        def __init__(self, iterable):
            self.elements = list(iterable)

        def __getitem__(self, item):
            return self.elements[item]

        def __len__(self):
            return len(self.elements)

        def __setitem__(self, item, value):
            pass

        def __delitem__(self, item):
            pass

        def insert(self, item, index):
            pass

    expl = callequal(TestSequence([0, 1]), list([0, 2]))
    assert len(expl) > 1
