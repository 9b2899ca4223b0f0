"""The comments stage: what readers say, read after the article (see :mod:`storyline.comments.stage`)."""
