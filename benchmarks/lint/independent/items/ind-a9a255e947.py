@unittest.skipIf(TRAVIS, "unreliable on TRAVIS")
def test_exe_mocked(self):
    with mock.patch('psutil._pslinux.readlink',
                    side_effect=OSError(errno.ENOENT, "")) as m:
        # No such file error; might be raised also if /proc/pid/exe
        # path actually exists for system processes with low pids
        # (about 0-20). In this case psutil is supposed to return
        # an empty string.
        ret = psutil.Process().exe()
        assert m.called
        self.assertEqual(ret, "")

        # ...but if /proc/pid no longer exist we're supposed to treat
        # it as an alias for zombie process
        with mock.patch('psutil._pslinux.os.path.lexists',
                        return_value=False):
            self.assertRaises(psutil.ZombieProcess, psutil.Process().exe)
