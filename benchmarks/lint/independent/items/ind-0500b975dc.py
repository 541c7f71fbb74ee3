@classmethod
def is_available(cls):
    try:
        X25519PrivateKey.generate()
    except UnsupportedAlgorithm:
        return False
    else:
        return True
