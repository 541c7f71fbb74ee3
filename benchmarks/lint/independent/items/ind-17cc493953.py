def get_msg_quit(self, username):
    """Return the user's quitting message."""
    try:
        return self.user_table[username]["msg_quit"]
    except KeyError:
        return "Goodbye."
