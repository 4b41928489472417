"""Renderers: each reads a Derivation (plain data) and writes it out.

The terminal: ``terminal`` (rich), ``text`` (plain), ``walkthrough`` (the lines both
show), ``catalog_table``; shared words and maths: ``notation`` (one line of Unicode;
``unicode`` its characters, ``marks`` its marked parts), ``layout`` (the choices it shares
with the LaTeX writer), ``defined``, ``points``;
``markdown``, ``json`` and ``jupyter``; ``tex/`` for LaTeX, lecture notes and pdflatex;
``analysis/`` for the gradient-health report, comparison and plots; ``check_report``
for the checker's verdicts.
"""
