#!/usr/bin/env python3
"""Puts a run's figures (report.py's figures.md) between the README's figures markers.
usage: splice_figures.py README.md FIGURES.md"""
import sys

readme_path, figures_path = sys.argv[1:3]
begin, end = "<!-- figures: written by bash .ci/main --refresh -->", "<!-- end of figures -->"
readme = open(readme_path).read()
if begin not in readme or end not in readme:
    sys.exit(f"{readme_path}: no figures markers ({begin} ... {end})")
head, rest = readme.split(begin, 1)
_, tail = rest.split(end, 1)
open(readme_path, "w").write(head + begin + "\n" + open(figures_path).read() + end + tail)
print(f"wrote the figures into {readme_path}")
