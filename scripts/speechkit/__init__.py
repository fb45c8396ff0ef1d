"""Speech-template toolkit: parse variants into one model, check them, render pages from it.

Every consumer (the MkDocs hooks, `make check`, the benchmark) goes through `corpus.load_corpus`,
so there is exactly one parsed model of each variant and no second copy of its text.
"""
