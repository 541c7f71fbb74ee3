@pytest.mark.xfail(reason='#1540')
def test_4_File_deletion(self):
    # Start a new session
    self.getPage('/testStr')
    # Delete the session file manually and retry.
    id = self.cookies[0][1].split(';', 1)[0].split('=', 1)[1]
    path = os.path.join(localDir, 'session-' + id)
    os.unlink(path)
    self.getPage('/testStr', self.cookies)
