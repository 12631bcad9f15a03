"""The web pages: citizens, vaccinators, reports; languages, right-to-left layout and branding."""
