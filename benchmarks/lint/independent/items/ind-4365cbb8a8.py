# one formula, possibly containing subformulae
orig = len(self.cur)
try:
    start = end = self.formula(start, text)
except AssertionError:  # not well-formed
    del self.cur[orig:]
    while text[end] not in self.WHITESPACE:
        end += 1
    self.cur.append((start, Error, text[start:end]))
