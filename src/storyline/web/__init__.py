"""The web app and its JSON API (``storyline serve``): see ``storyline.web.app``."""
