assert fn != [1, 2, 3]  # type: ignore[comparison-overlap]
