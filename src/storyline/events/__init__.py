"""Events stage: PLOVER event types, modes, sides and evidence found in an article's sentences."""
