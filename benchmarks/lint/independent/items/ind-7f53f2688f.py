def test_get_put(self, sftp):
    """
    verify that get/put work.
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

    sftp.put(localname, sftp.FOLDER + "/bunny.txt", progress_callback)

    with sftp.open(sftp.FOLDER + "/bunny.txt", "rb") as f:
        assert text == f.read(128)
    assert [(41, 41)] == saved_progress

    os.unlink(localname)
    fd, localname = mkstemp()
    os.close(fd)
    saved_progress = []
    sftp.get(sftp.FOLDER + "/bunny.txt", localname, progress_callback)

    with open(localname, "rb") as f:
        assert text == f.read(128)
    assert [(41, 41)] == saved_progress

    os.unlink(localname)
    sftp.unlink(sftp.FOLDER + "/bunny.txt")
