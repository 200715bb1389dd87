"""Templates and static files of the HTTP server (landing page, resource pages)."""
