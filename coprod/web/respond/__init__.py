"""Respondents: find a survey, answer it a page at a time, check, send, come back later."""
