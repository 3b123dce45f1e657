"""Article texts: reading them safely, registering sources, finding evidence phrases and their
Web Annotation selectors, sentences and words, and text made safe for other programs; and names
as text: the one fuzzy matcher (:mod:`graph.text.fuzzy`) and the one slug rule
(:mod:`graph.text.slugs`).
"""
