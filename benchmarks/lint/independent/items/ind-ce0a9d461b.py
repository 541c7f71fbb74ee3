self.rules: dict[str, list[_Rule]] = {
    "root": [
        # directives
        _Rule(
            c(rf"(.*?)(?:{root_parts_re})"),
            OptionalLStrip(TOKEN_DATA, "#bygroup"),  # type: ignore
            "#bygroup",
        ),
        # data
        _Rule(c(".+"), TOKEN_DATA, None),
    ],
    # comments
    TOKEN_COMMENT_BEGIN: [
        _Rule(
            c(
                rf"(.*?)((?:\+{comment_end_re}|\-{comment_end_re}\s*"
                rf"|{comment_end_re}{block_suffix_re}))"
            ),
            (TOKEN_COMMENT, TOKEN_COMMENT_END),
            "#pop",
        ),
        _Rule(c(r"(.)"), (Failure("Missing end of comment tag"),), None),
    ],
    # blocks
    TOKEN_BLOCK_BEGIN: [
        _Rule(
            c(
                rf"(?:\+{block_end_re}|\-{block_end_re}\s*"
                rf"|{block_end_re}{block_suffix_re})"
            ),
            TOKEN_BLOCK_END,
            "#pop",
        ),
    ]
    + tag_rules,
    # variables
    TOKEN_VARIABLE_BEGIN: [
        _Rule(
            c(rf"\-{variable_end_re}\s*|{variable_end_re}"),
            TOKEN_VARIABLE_END,
            "#pop",
        )
    ]
    + tag_rules,
    # raw block
    TOKEN_RAW_BEGIN: [
        _Rule(
            c(
                rf"(.*?)((?:{block_start_re}(\-|\+|))\s*endraw\s*"
                rf"(?:\+{block_end_re}|\-{block_end_re}\s*"
                rf"|{block_end_re}{block_suffix_re}))"
            ),
            OptionalLStrip(TOKEN_DATA, TOKEN_RAW_END),  # type: ignore
            "#pop",
        ),
        _Rule(c(r"(.)"), (Failure("Missing end of raw directive"),), None),
    ],
    # line statements
    TOKEN_LINESTATEMENT_BEGIN: [
        _Rule(c(r"\s*(\n|$)"), TOKEN_LINESTATEMENT_END, "#pop")
    ]
    + tag_rules,
    # line comments
    TOKEN_LINECOMMENT_BEGIN: [
        _Rule(
            c(r"(.*?)()(?=\n|$)"),
            (TOKEN_LINECOMMENT, TOKEN_LINECOMMENT_END),
            "#pop",
        )
    ],
}
