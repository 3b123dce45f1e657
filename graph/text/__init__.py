"""Article texts: reading them safely, registering sources, finding evidence phrases and their
Web Annotation selectors, sentences and words, and text made safe for other programs.
"""
