"""The receptionist's desk window."""
