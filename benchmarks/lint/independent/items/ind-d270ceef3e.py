def url_path_for(self, name: str, /, **path_params: Any) -> URLPath:
    if self.name is not None and name == self.name and "path" in path_params:
        # 'name' matches "<mount_name>".
        path_params["path"] = path_params["path"].lstrip("/")
        path, remaining_params = replace_params(self.path_format, self.param_convertors, path_params)
        if not remaining_params:
            return URLPath(path=path)
    elif self.name is None or name.startswith(self.name + ":"):
        if self.name is None:
            # No mount name.
            remaining_name = name
        else:
            # 'name' matches "<mount_name>:<child_name>".
            remaining_name = name[len(self.name) + 1 :]
        path_kwarg = path_params.get("path")
        path_params["path"] = ""
        path_prefix, remaining_params = replace_params(self.path_format, self.param_convertors, path_params)
        if path_kwarg is not None:
            remaining_params["path"] = path_kwarg
        for route in self.routes or []:
            try:
                url = route.url_path_for(remaining_name, **remaining_params)
                return URLPath(path=path_prefix.rstrip("/") + str(url), protocol=url.protocol)
            except NoMatchFound:
                pass
    raise NoMatchFound(name, path_params)
