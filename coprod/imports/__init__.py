"""Reading other survey tools' exports: their cells, layouts and columns, and each row's answers.

Flask-free but for the lazily translated messages; the database side is coprod.services.imports.
"""
