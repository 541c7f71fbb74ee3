def read_text(self, filename: str) -> str | None:
    with ZipFile(self._wheel) as zip_file:
        try:
            with TextIOWrapper(zip_file.open(f"{self.dist_name}/{filename}"), encoding="utf-8") as file_handler:
                return file_handler.read()
        except KeyError:
            return None
