"""Certificate codecs, signers, trust lists and verification (Django-free)."""
