sources = collector.collect_sources(
    # Shouldn't be used.
    project_name="",
    candidates_from_page=None,  # type: ignore[arg-type]
)
