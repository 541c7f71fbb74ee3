def _method_events_callback(self, values):
    try:
        previous_echoed = (values["child_result_list"][-1].decode()
                           .split("\n")[-2].strip())
        if previous_echoed.endswith("foo1"):
            return "echo foo2\n"
        elif previous_echoed.endswith("foo2"):
            return "echo foo3\n"
        elif previous_echoed.endswith("foo3"):
            return "exit\n"
        else:
            raise Exception("Unexpected output {0!r}"
                            .format(previous_echoed))
    except IndexError:
        return "echo foo1\n"
