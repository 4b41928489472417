"""LaTeX: derivation blocks, standalone documents, lecture notes, and pdflatex."""
