# "import from" nodes store parentheses directly as part of
# the statement
if child.type == token.LPAR:
    # make parentheses invisible
    child.value = ""  # type: ignore
    node.children[-1].value = ""  # type: ignore
elif child.type != token.STAR:
    # insert invisible parentheses
    node.insert_child(index, Leaf(token.LPAR, ""))
