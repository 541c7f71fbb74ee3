# the statement
if is_lpar_token(child):
    # make parentheses invisible
    child.value = ""
    node.children[-1].value = ""  # type: ignore
elif child.type != token.STAR:
    # insert invisible parentheses
    node.insert_child(index, Leaf(token.LPAR, ""))
    node.append_child(Leaf(token.RPAR, ""))
