assert Foo.bar.spy_return == 20  # type:ignore[attr-defined]
