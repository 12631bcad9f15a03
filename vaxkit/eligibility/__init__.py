"""Who is due which dose, and when (Django-free)."""
