"""The bundled demo corpus: eight short news pages of our own writing, in every input form.

The pages (``.txt`` captures, ``.html`` pages, one ``.warc.gz`` with two responses and one
``.jsonl`` with two lines) report real 2011-2013 events in the Pakistan-US military relationship
as published by invented outlets under the ``.example`` domain. ``storyline demo`` ingests them.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
from importlib import resources
from pathlib import Path

CORPUS_PACKAGE_DIR = "corpus"


@functools.cache
def corpus_dir() -> Path:
    """The directory holding the bundled demo corpus, as a real filesystem path.

    From an ordinary install this is the package folder itself; if the package is imported from
    an archive, the corpus is extracted once to a temporary folder removed at exit.
    """
    traversable = resources.files(__package__) / CORPUS_PACKAGE_DIR
    if isinstance(traversable, Path):
        return traversable
    stack = contextlib.ExitStack()
    atexit.register(stack.close)
    return stack.enter_context(resources.as_file(traversable))
