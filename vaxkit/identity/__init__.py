"""Identity documents, personal names and phone numbers (Django-free)."""
