def get_source(
    self, environment: "Environment", template: str
) -> tuple[str, str | None, t.Callable[[], bool] | None]:
    for loader in self.loaders:
        try:
            return loader.get_source(environment, template)
        except TemplateNotFound:
            pass
    raise TemplateNotFound(template)
