"""Static files with hashed names, compressed copies and far-future caching (whitenoise)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedStaticStorage(CompressedManifestStaticFilesStorage):
    # Rewrites `import ... from "./x.js"` in the project's modules to the hashed names too.
    support_js_module_import_aggregation = True
