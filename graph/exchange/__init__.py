"""What goes out to other tools: printed result formats, tables and networks for spreadsheets,
Gephi and Kumu, DataFrames, text reports, and the Discourse Network Analyzer's files (``dna/``).
"""
