"""Scorers that measure the pipeline's stages against gold annotations."""
