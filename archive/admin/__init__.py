"""The secretary's web form at admin/: its configuration, generated from the
schemas (config.py), and the finished folder the site serves (build.py)."""
