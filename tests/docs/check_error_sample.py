"""Compiles the README's wrong policy with g++ and compares what g++ says with the output the
README shows, line for line: the sample never drifts from the truth (paths, line numbers, text).

usage: check_error_sample.py <README.md> <include directory> <g++> [--write]
With --write, the README's block is rewritten with what g++ says (the target corset_regenerate).
"""
import pathlib
import re
import subprocess
import sys
import tempfile

readme, include, compiler = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve(), sys.argv[3]
text = readme.read_text()
wrong = re.search(r"^```cpp\n(// does not compile\n.*?)^```", text, flags=re.S | re.M)
shown = re.search(r"^<!-- the g\+\+ 12 output below is checked by [^>]*-->\n```text\n(.*?)^```", text,
                  flags=re.S | re.M)
if not wrong or not shown:
    sys.exit(f"{readme}: no `// does not compile` block, or no checked output block")
with tempfile.TemporaryDirectory() as work:
    work = pathlib.Path(work)
    (work / "include").symlink_to(include)
    (work / "wrong.cpp").write_text(wrong.group(1).split("\n", 1)[1])  # without the marker line
    run = subprocess.run([compiler, "-std=c++20", "-Iinclude", "-fno-diagnostics-color", "-c", "wrong.cpp",
                          "-o", "/dev/null"], cwd=work, capture_output=True, text=True)
if run.returncode == 0:
    sys.exit("the README's wrong policy compiled")
said, expected = run.stderr.splitlines(), shown.group(1).splitlines()
if said != expected and "--write" in sys.argv[4:]:
    readme.write_text(text[:shown.start(1)] + run.stderr + text[shown.end(1):])
    print(f"wrote g++'s output into {readme}")
elif said != expected:
    sys.exit("g++ says:\n" + run.stderr + "\nthe README shows:\n" + shown.group(1) +
             "\n(build the target corset_regenerate to write it)")
print(f"the README's error sample is g++'s output, {len(said)} lines")
