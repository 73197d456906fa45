"""socialrx_desk: social prescribing front desk, kiosk and FHIR R4 hub."""

__version__ = "0.1.0"
