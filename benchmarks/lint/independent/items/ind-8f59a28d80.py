def setUp() -> None:
    clear_warnings()
    warnings.simplefilter("ignore", HTTPWarning)
