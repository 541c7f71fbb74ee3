def best_match(range_):
    subtags = range_.split("-")
    while True:
        for index, tag in enumerate(lowered_tags):
            if tag in not_acceptable_ranges:
                continue
                # We think a non-'*' range with q=0 represents only
                # itself as a tag, and there should be no falling back
                # with subtag truncation. For example, with
                # 'en-gb;q=0', it should not mean 'en;q=0': the client
                # is unlikely to expect that specifying 'en-gb' as not
                # acceptable would mean that 'en' is also not
                # acceptable. There is no guidance on this at all in
                # the RFCs, so it is left to us to decide how it should
                # work.

            if tag == range_:
                return tags[index]  # return the pre-lowered tag

        try:
            subtag_before_this = subtags[-2]
        except IndexError:  # len(subtags) == 1
            break
        # len(subtags) >= 2
        if len(subtag_before_this) == 1 and (
            subtag_before_this.isdigit() or subtag_before_this.isalpha()
        ):  # if subtag_before_this is a single-letter or -digit subtag
            subtags.pop(-1)  # pop twice instead of once
        subtags.pop(-1)
        range_ = "-".join(subtags)
