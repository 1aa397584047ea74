"""Pure domain rules: no Excel, no I/O, numpy at most. Each rule lives in the module named after it."""
