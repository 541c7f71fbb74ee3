@patch("invoke.util.debug")
def exceptions_get_logged(self, mock_debug):
    # Make write_proc_stdin asplode
    klass = self._mock_stdin_writer()
    klass.write_proc_stdin.side_effect = OhNoz("oh god why")
    # Execute with some stdin to trigger that asplode (but skip the
    # actual bubbled-up raising of it so we can check things out)
    try:
        stdin = StringIO("non-empty")
        self._runner(klass=klass).run(_, in_stream=stdin)
    except ThreadException:
        pass
    # Assert debug() was called w/ expected format
    # TODO: make the debug call a method on ExceptionHandlingThread,
    # then make thread class configurable somewhere in Runner, and pass
    # in a customized ExceptionHandlingThread that has a Mock for that
    # method?
    # NOTE: splitting into a few asserts to work around python 3.7
    # change re: trailing comma, which kills ability to just statically
    # assert the entire string. Sigh. Also I'm too lazy to regex.
    msg = mock_debug.call_args[0][0]
    assert "Encountered exception OhNoz" in msg
    assert "'oh god why'" in msg
    assert "in thread for 'handle_stdin'" in msg
