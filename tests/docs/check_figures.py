#!/usr/bin/env python3
"""The published figures are the published run's: what benchmarks/report.py makes of the files in
benchmarks/results/ (the run's JSON, the peers' among them) is, byte for byte, the tables and the
chart's data committed beside them and the figures between the README's markers. A hand-edited
figure, or results refreshed without their inputs, fails here.
usage: check_figures.py SOURCE_DIR"""
import difflib
import glob
import os
import subprocess
import sys
import tempfile

root = sys.argv[1]
results = os.path.join(root, "benchmarks", "results")
inputs = [os.path.join(results, name) for name in ("times.json", "instructions.json", "compile_time.json", "e2e.json")]
peers = sorted(glob.glob(os.path.join(results, "peers", "peer_*.json")))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


made = {}
with tempfile.TemporaryDirectory(prefix="corset-figures-") as out:
    subprocess.run([sys.executable, os.path.join(root, "benchmarks", "report.py"), "--no-chart", *inputs, out, *peers],
                   check=True, stdout=subprocess.DEVNULL)
    for name in ("figures.md", "results.md", "chart.dat", "peers.dat"):
        made[name] = read(os.path.join(out, name))


def differs(made, published, label):
    if made == published:
        return False
    diff = difflib.unified_diff(published.splitlines(), made.splitlines(), label, "report.py", lineterm="", n=1)
    print("\n".join(list(diff)[:20]))
    return True


failed = False
for name, text in made.items():
    failed |= differs(text, read(os.path.join(results, name)), f"benchmarks/results/{name}")

# The README as the publishing step (benchmarks/splice_figures.py) would write it.
sys.dont_write_bytecode = True  # no __pycache__ left in the source tree
sys.path.insert(0, os.path.join(root, "benchmarks"))
from splice_figures import spliced  # noqa: E402

readme = read(os.path.join(root, "README.md"))
failed |= differs(spliced(readme, made["figures.md"]), readme, "README.md")

if failed:
    sys.exit("the published figures are not what report.py makes of benchmarks/results/: "
             "refresh them with bash .ci/main --refresh, never by hand")
print(f"the README's figures and benchmarks/results/ are what report.py makes of the published run "
      f"({len(peers)} peers)")
