"""Realistic synthetic data so that a newcomer meets a living product (`coprod demo`)."""
