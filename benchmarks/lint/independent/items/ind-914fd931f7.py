def setUp(self):
    self.warnings = warnings.catch_warnings()
    self.warnings.__enter__()
    warnings.simplefilter('ignore', DeprecationWarning)
