"""The web workbench: an HTTP API under /api and a single page that draws on it, served offline."""
