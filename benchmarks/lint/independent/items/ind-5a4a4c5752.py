def test_put_without_confirm(self, sftp):
    """
    verify that get/put work without confirmation.
    """
    warnings.filterwarnings("ignore", "tempnam.*")

    fd, localname = mkstemp()
    os.close(fd)
    text = b"All I wanted was a plastic bunny rabbit.\n"
    with open(localname, "wb") as f:
        f.write(text)
    saved_progress = []

    def progress_callback(x, y):
        saved_progress.append((x, y))

    res = sftp.put(
        localname, sftp.FOLDER + "/bunny.txt", progress_callback, False
    )

    assert SFTPAttributes().attr == res.attr

    with sftp.open(sftp.FOLDER + "/bunny.txt", "r") as f:
        assert text == f.read(128)
    assert (41, 41) == saved_progress[-1]

    os.unlink(localname)
    sftp.unlink(sftp.FOLDER + "/bunny.txt")
