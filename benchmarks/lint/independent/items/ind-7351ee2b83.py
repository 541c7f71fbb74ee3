@skipif(not POSIX, reason="POSIX only")
@skipif(not HAS_NET_CONNECTIONS_UNIX, reason="can't list UNIX sockets")
def test_proc_net_connections(self):
    name = self.get_testfn(suffix=self.funky_suffix)
    sock = bind_unix_socket(name)
    with closing(sock):
        conn = psutil.Process().net_connections('unix')[0]
        assert isinstance(conn.laddr, str)
        if not conn.laddr and MACOS and CI_TESTING:
            return pytest.skip("unreliable on OSX")
        assert conn.laddr == name
