"""Staff pages: vaccinators' sessions, verification, doses, walk-ins, AEFI; facility admin."""
