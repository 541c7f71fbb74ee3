def is_django_project(path: pathlib.Path) -> bool:
    try:
        return path.is_dir() and (path / "manage.py").exists()
    except OSError:
        return False
