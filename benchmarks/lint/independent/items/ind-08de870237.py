def hash(self, obj, return_digest=True):
    try:
        self.dump(obj)
    except pickle.PicklingError:
        pass
        #self.dump(
    dumps = self.stream.getvalue()
    self._hash.update(dumps)
    if return_digest:
        return self._hash.hexdigest()
