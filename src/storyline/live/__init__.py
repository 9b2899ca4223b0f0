"""Live sources: pages fetched from the web (``storyline fetch``) and feeds watched
(``storyline watch``), politely, into the same store as ingested files.

Modules: :mod:`.settings` (defaults), :mod:`.urls`, :mod:`.http` (the polite client), :mod:`.feeds`,
:mod:`.fetch`, :mod:`.watch`. Nothing is imported here, so the command line starts without them.
"""
