"""FHIR R4 on the wire: shared systems, ids, bundles and validation (``common``), the directory mapping
(``directory``) and, growing alongside, the referral mapping. Resources are plain JSON dicts, validated with the
``fhir.resources`` R4B models."""
