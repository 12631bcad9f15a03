"""Country profiles: typed schema, loader with precise errors, checks and exports (Django-free)."""
