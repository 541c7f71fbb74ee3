def __eq__(self, obj):
    return isinstance(obj, ClusterNode) and obj.name == self.name
