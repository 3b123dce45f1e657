"""Draft coding sheets from an article's text: names the dataset knows, new people, posts and
organisations, sums of money, and candidate stances, every row a candidate for a coder.
"""
