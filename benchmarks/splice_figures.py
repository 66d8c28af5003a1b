#!/usr/bin/env python3
"""Puts a run's figures (report.py's figures.md) between the README's figures markers.
usage: splice_figures.py README.md FIGURES.md
tests/docs/check_figures.py uses spliced() to check that the README holds the published run's."""
import sys

BEGIN, END = "<!-- figures: written by bash .ci/main --refresh -->", "<!-- end of figures -->"


def spliced(readme, figures, name="README.md"):
    """The README's text with `figures` between its markers."""
    if BEGIN not in readme or END not in readme:
        sys.exit(f"{name}: no figures markers ({BEGIN} ... {END})")
    head, rest = readme.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return head + BEGIN + "\n" + figures + END + tail


if __name__ == "__main__":
    readme_path, figures_path = sys.argv[1:3]
    text = spliced(open(readme_path).read(), open(figures_path).read(), readme_path)
    open(readme_path, "w").write(text)
    print(f"wrote the figures into {readme_path}")
