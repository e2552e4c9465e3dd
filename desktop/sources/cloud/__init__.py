"""Artifacts in cloud object stores (S3 and S3-compatible, Google Cloud Storage,
Azure Blob Storage), listed and downloaded with the user's own credentials.

Client libraries are imported only when a bucket is first reached; Google's and
Azure's are optional extras (``uv sync --extra gcs`` / ``--extra azure``).
"""
