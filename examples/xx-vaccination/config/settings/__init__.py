"""Settings layers, each vaxkit's layer of the same name plus `deployment.py`.

Choose one with DJANGO_SETTINGS_MODULE: config.settings.local (this computer), .test (the test
suite), .production (servers). Values come from the environment; see .env.example.
"""
