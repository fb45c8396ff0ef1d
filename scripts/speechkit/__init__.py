"""Speech-template toolkit: parse variants into one model, check them, render pages from it.

Every consumer (the MkDocs hooks, `make check`, the benchmark) goes through `checking.load_corpus`,
so there is exactly one parsed model of each variant and no second copy of its text.

The subpackages are layers, in the order the data flows; a module may import from its own layer and
from the layers before it, never from a later one (tests/test_architecture.py walks the imports):

1. base      paths, text rules, escaping, findings
2. reading   a variant's source into the parsed model, and the numbers derived from it
3. checking  the checks, similarity, shared 提法, and the corpus (every variant loaded and checked)
4. history   git history into per-variant changes
5. outputs   pages, Word, search entries, examples, the change log page, the build's shared state
6. importer  new drafts from a 范文 or from the skeleton
7. cli       the command line and the dev server

Other layers, the hooks and the scripts import public names from a layer's package
(`from speechkit.reading import load_registry`), not from its modules.
"""

LAYERS = ("base", "reading", "checking", "history", "outputs", "importer", "cli")
