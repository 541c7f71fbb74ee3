@pytest.mark.skipif(env.JYTHON, reason="Jython gets mad if you patch sys.argv")
def test_help_contains_command_name_from_package(self):
    # Command package name should be present in help output.
    #
    # When the main module is actually a package's `__main__` module, the resulting command line
    # has the `__main__.py` file's patch as the command name. Instead, the command name should
    # be derived from the package name.

    fake_command_path = os_sep("lorem/ipsum/dolor/__main__.py")
    expected_command_name = "dolor"
    fake_argv = [fake_command_path, "sit", "amet"]
    with mock.patch.object(sys, 'argv', new=fake_argv):
        self.command_line("help")
    out = self.stdout()
    assert expected_command_name in out
