"""The one base class for errors whose message is meant for the person at the screen.

Kept free of imports so that the entry point can catch these without loading the store, settings or network
code before the first window is up.
"""


class FriendlyError(Exception):
    """A problem explained in plain words; shown as is, never as a traceback."""
