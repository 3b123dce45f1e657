"""The interactive influence map: positions, what a big map shows, styles, and the offline HTML
page with its static files (``static/``).
"""
