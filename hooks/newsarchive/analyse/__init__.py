"""Analyse: validated articles -> the Archive the pages show (analyse.archive.analyse).

timeline merges events; figures sets claims side by side; support counts what stands
behind a claim; shared_passages finds paragraphs several reports share; people joins the
spellings of one name. Nothing here reads files or renders pages.
"""
