"""The profile preview: one offline HTML page showing what a country profile will do.

Django-free: ``build_preview(path)`` loads the profile, makes sample ID numbers, names and signed
certificates, and returns the page as text (``vaxkit profile preview``).
"""

from vaxkit.preview.errors import PreviewError
from vaxkit.preview.report import build_preview, render_preview

__all__ = ["PreviewError", "build_preview", "render_preview"]
