def __eq__(self, o):
    raise ValueError("worked")
