def test_ssh_config_empty_user(self):
    ssh = pxssh.pxssh(debug_command_string=True)
    temp_file = tempfile.NamedTemporaryFile()
    config_path = temp_file.name
    temp_file.write(b'Host server\n'
                    b'user   \n'
                    b'Host not-server\n')
    temp_file.seek(0)
    try:
        string = ssh.login('server', ssh_config=config_path)
        raise AssertionError('Should have failed due to empty user.')
    except TypeError:
        pass
