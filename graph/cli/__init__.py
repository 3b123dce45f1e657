"""The ``carekg`` command line: a thin layer over the library.  The parser and its shared
options, the console (output and errors as one line), and one module of commands per topic.
"""
