"""The patient kiosk: a touchscreen in the waiting room to browse help by need and refer oneself.

Nothing in it can show another patient's details: there is no patient search, the only personal data on screen is
what the person in front of it is typing, and that is wiped after each request and whenever the screen goes idle.
"""
