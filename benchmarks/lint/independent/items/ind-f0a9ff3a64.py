def put(self, key, val, _marker=_marker):
    hand = self.hand
    maxpos = self.maxpos
    clock = self.clock
    data = self.data
    lock = self.lock

    end = hand - 1
    if end < 0:
        end = maxpos

    while 1:
        current = clock[hand]
        ref = current['ref']
        if ref is True:
            current['ref'] = False
            hand = hand + 1
            if hand > maxpos:
                hand = 0
        elif ref is False or hand == end:
            lock.acquire()
            try:
                oldkey = current['key']
                if oldkey is not _marker:
                    try:
                        del data[oldkey]
                    except KeyError:
                        # XXX already deleted; seen in wild 5/16/2009?
                        pass
                current['key'] = key
                current['ref'] = True
                data[key] = (hand, val)
                hand += 1
                if hand > maxpos:
                    hand = 0
                self.hand = hand
            finally:
                lock.release()
            break
