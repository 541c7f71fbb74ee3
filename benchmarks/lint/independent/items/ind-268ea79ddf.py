wheel = MemoryWheel(zf.name, zf)  # type: ignore
