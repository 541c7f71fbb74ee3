def _get_pygments_formatter(self) -> Formatter | None:
    try:
        import pygments.util
    except ModuleNotFoundError:
        return None

    from _pytest.config.exceptions import UsageError

    theme = os.getenv("PYTEST_THEME")
    theme_mode = os.getenv("PYTEST_THEME_MODE", "dark")

    try:
        from pygments.formatters.terminal import TerminalFormatter

        return TerminalFormatter(bg=theme_mode, style=theme)

    except pygments.util.ClassNotFound as e:
        raise UsageError(
            f"PYTEST_THEME environment variable has an invalid value: '{theme}'. "
            "Hint: See available pygments styles with `pygmentize -L styles`."
        ) from e
    except pygments.util.OptionError as e:
        raise UsageError(
            f"PYTEST_THEME_MODE environment variable has an invalid value: '{theme_mode}'. "
            "The allowed values are 'dark' (default) and 'light'."
        ) from e
