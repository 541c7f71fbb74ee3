def is_remote_dir(self, path):
    try:
        return stat.S_ISDIR(self.sftp.stat(path).st_mode)
    except IOError:
        return False
