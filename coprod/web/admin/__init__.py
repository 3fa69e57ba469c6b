"""The signed-in home for staff."""
