@unittest.skip('Known failure')
def testTimeOnlyDSTLocalDST(self):
    with TZEnvContext(self.TZ_EST):
        self.assertIs(dt_time(13, 20, tzinfo=tz.tzlocal()).dst(),
                      None)
