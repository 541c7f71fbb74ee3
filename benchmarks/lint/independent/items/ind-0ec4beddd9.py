Foo.bar.assert_called_once_with(arg=10)  # type:ignore[attr-defined]
