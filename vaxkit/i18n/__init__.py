"""Translations: catalogs in locales/, compiled with Babel; coverage reports."""
