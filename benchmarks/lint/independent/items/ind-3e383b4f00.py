def __eq__(self, other: 'KeyValueArg'):
    return self.__dict__ == other.__dict__
