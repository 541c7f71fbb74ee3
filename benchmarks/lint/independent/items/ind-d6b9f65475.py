def _sync(self):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(1)
    s.sendto(b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xffgief", self.addr)
    bits = s.recvfrom(1024)[0][14:].split(b"\x00")
    s.close()
    self.version, server_name, map_name = bits[:3]
    self.name = server_name.decode("latin1")
    self.map = map_name.decode("latin1")
    self.gametype = bits[3]
    self.flags, self.progression, player_count, self.max_players = map(
        int, bits[4:8]
    )

    # sync the player stats
    players = {p.name: p for p in self.players}
    for i in range(player_count):
        name = bits[8 + i * 2].decode("latin1")
        score = int(bits[9 + i * 2])

        # update existing player
        if name in players:
            player = players.pop(name)
            player.score = score
        # add new player
        else:
            self.players.append(Player(self, name, score))
    # delete players that left
    for player in players.values():
        try:
            self.players.remove(player)
        except Exception:
            pass

    # sort the player list and count them
    self.players.sort(key=lambda x: -x.score)
    self.player_count = len(self.players)
