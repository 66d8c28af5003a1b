#!/usr/bin/env python3
"""Compile time and peak memory of a service file holding one policy, per policy size, with g++ and
clang++ (-std=c++20 -O2 -c, measured by /usr/bin/time -v), next to a file that includes only
<string_view> and one that includes only <corset/corset.hpp>. Each the median of RUNS compilations
(3 unless given; these machines are noisy), its peak memory the largest. The runs are rounds,
each compiling every unit once, so that the host's slow minutes fall on every unit alike.
usage: compile_time.py INCLUDE_DIR OUT.json [RUNS]"""
import json
import os
import re
import subprocess
import sys
import tempfile

include, out_path = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
work = tempfile.mkdtemp(prefix="corset-compile-")


def origins(n):
    return [f"https://app{i}.tenant{i % 61}.example.com" for i in range(1, n + 1)]


def service(entries):
    listed = ",\n    ".join(f'"{o}"' for o in entries)
    return f"""#include <corset/corset.hpp>
inline constexpr corset::policy<corset::allow_origins<
    {listed}>,
    corset::allow_methods<corset::methods::put, corset::methods::delete_>,
    corset::allow_headers<"authorization", "content-type", "x-requested-with">,
    corset::expose_headers<"x-request-id">, corset::allow_credentials, corset::max_age<600>> api{{}};
corset::decision handle(corset::request_view const& r) {{ return api.evaluate(r); }}
"""


units = {"floor: <string_view> only": "#include <string_view>\n",
         "<corset/corset.hpp> only": "#include <corset/corset.hpp>\n"}
for n in [1, 16, 256, 4096]:
    units[f"{n} origins"] = service(origins(n))
units["256 origins, 16 of them patterns"] = service(origins(240) + [f"https://*.zone{i}.example.net" for i in range(16)])

sources = {}
for name, text in units.items():
    sources[name] = os.path.join(work, re.sub(r"\W+", "_", name) + ".cpp")
    open(sources[name], "w").write(text)


def compile_once(compiler, name):
    run = subprocess.run(["/usr/bin/time", "-v", compiler, "-std=c++20", "-O2", "-I", include, "-c", sources[name],
                          "-o", os.devnull], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"{compiler} failed on {name}:\n{run.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", run.stderr)
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
    return seconds, rss


# Rounds outermost, every unit once a round: a slow minute of the host then falls on all units
# alike, and the differences to <string_view> alone, which the goals are about, stay meaningful.
compilers = ["g++", "clang++"]
samples = {(name, compiler): [] for name in units for compiler in compilers}
for _ in range(runs):
    for name in units:
        for compiler in compilers:
            samples[(name, compiler)].append(compile_once(compiler, name))

results = []
for name in units:
    row = {"unit": name}
    for compiler in compilers:
        taken = samples[(name, compiler)]
        seconds = sorted(s for s, _ in taken)[len(taken) // 2]
        rss = max(r for _, r in taken)
        row[compiler] = {"seconds": seconds, "mib": rss / 1024}
        print(f"{name:36} {compiler:8} {seconds:6.2f} s {rss / 1024:7.0f} MiB", flush=True)
    results.append(row)
json.dump(results, open(out_path, "w"), indent=1)
