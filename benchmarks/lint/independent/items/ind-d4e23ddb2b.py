def test_getcwd(self, sftp):
    """
    verify that chdir/getcwd work.
    """
    assert sftp.getcwd() is None
    root = sftp.normalize(".")
    if root[-1] != "/":
        root += "/"
    try:
        sftp.mkdir(sftp.FOLDER + "/alpha")
        sftp.chdir(sftp.FOLDER + "/alpha")
        assert sftp.getcwd() == "/" + sftp.FOLDER + "/alpha"
    finally:
        sftp.chdir(root)
        try:
            sftp.rmdir(sftp.FOLDER + "/alpha")
        except:
            pass
