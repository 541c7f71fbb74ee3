def _merge_revoked(self, d):
    try:
        self._merge_revoked_v3(d['zrevoked'])
    except KeyError:
        try:
            self._merge_revoked_v2(d.pop('revoked'))
        except KeyError:
            pass
    # purge expired items at boot
    self._revoked_tasks.purge()
