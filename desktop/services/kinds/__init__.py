"""The source kinds, one module each; :mod:`desktop.services.sources` registers them."""
