def run_physical_checks(self, physical_line: str) -> None:
    """Run all checks for a given physical line.

    A single physical check may return multiple errors.
    """
    assert self.processor is not None
    for plugin in self.plugins.physical_line:
        self.processor.update_checker_state_for(plugin)
        result = self.run_check(plugin, physical_line=physical_line)

        if result is not None:
            # This is a single result if first element is an int
            column_offset = None
            try:
                column_offset = result[0]
            except (IndexError, TypeError):
                pass

            if isinstance(column_offset, int):
                # If we only have a single result, convert to a collection
                result = (result,)

            for result_single in result:
                column_offset, text = result_single
                self.report(
                    error_code=None,
                    line_number=self.processor.line_number,
                    column=column_offset,
                    text=text,
                )
