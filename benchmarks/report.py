#!/usr/bin/env python3
"""Tables and a chart from one run: Google Benchmark JSON (median of repetitions), instruction
counts and compile times. usage: report.py TIMES.json INSTRUCTIONS.json COMPILE.json OUT_DIR"""
import datetime
import json
import os
import platform
import subprocess
import sys

times_path, instructions_path, compile_path, out_dir = sys.argv[1:5]
times = json.load(open(times_path))
instructions = json.load(open(instructions_path))
compile_times = json.load(open(compile_path))

medians = {}
for b in times["benchmarks"]:
    if b.get("aggregate_name", "median") != "median":
        continue
    name = b.get("run_name", b["name"]).replace("_median", "")
    group, variant = name.rsplit("/", 1)
    medians.setdefault(group, {})[variant] = b

order = ["actual_allowed", "actual_refused", "no_origin", "preflight", "preflight_refused", "preflight_64k_acrh",
         "subdomain_match", "beast_actual_allowed", "preflight_1m_commas", "preflight_1m_spaces", "preflight_1m_name",
         "preflight_10000_names", "preflight_1000_lines", "actual_64k_origin"]
sizes = ["1", "16", "256", "4096", "mixed"]
lines = []
machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores"
try:
    model = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    machine = f"{model}, {os.cpu_count()} cores"
except (OSError, StopIteration):
    pass
lines.append(f"Measured {datetime.date.today()} on {machine}; g++ {subprocess.run(['g++', '-dumpversion'], capture_output=True, text=True).stdout.strip()}, -O3 (CMake Release).")
lines.append("Time: median of the repetitions; instructions: callgrind, per request; allocs: per request.\n")
chart = []
for case in order:
    rows = [(s, medians.get(f"{case}/{s}")) for s in sizes if f"{case}/{s}" in medians]
    if not rows:
        continue
    lines.append(f"### {case}\n")
    lines.append("| policy | corset ns | floor ns | ratio | usual ns | speed-up | corset instr | floor instr | instr ratio | allocs corset / floor / usual |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|")
    for size, m in rows:
        c, f, u = m.get("corset"), m.get("floor"), m.get("usual")
        ins = instructions.get(f"{case}/{size}", {})
        def ns(b): return f"{b['real_time']:.1f}" if b else "-"
        def allocs(b): return f"{b.get('allocs', 0):.0f}" if b else "-"
        ratio = f"{c['real_time'] / f['real_time']:.2f}" if c and f else "-"
        speedup = f"{u['real_time'] / c['real_time']:.0f}x" if c and u else "-"
        ic, iff = ins.get("corset"), ins.get("floor")
        iratio = f"{ic / iff:.2f}" if ic and iff else "-"
        lines.append(f"| {size} | {ns(c)} | {ns(f)} | {ratio} | {ns(u)} | {speedup} | {ic or '-':.0f} | {iff or '-':.0f} | {iratio} | {allocs(c)} / {allocs(f)} / {allocs(u)} |"
                     if ic and iff else
                     f"| {size} | {ns(c)} | {ns(f)} | {ratio} | {ns(u)} | {speedup} | - | - | - | {allocs(c)} / {allocs(f)} / {allocs(u)} |")
        if size in ("16", "mixed") and c and f and u:
            chart.append((f"{case}/{size}", c["real_time"], f["real_time"], u["real_time"]))
    lines.append("")

def corset_row(group):
    b = medians.get(group, {}).get("corset")
    i = instructions.get(group, {}).get("corset")
    return b, i

lines.append("### run-time origin sets (allow_origins_from), next to the same origins at compile time\n")
lines.append("| case | origins | ns | instructions | ns vs compile-time 16 | instr vs compile-time 16 | allocs |")
lines.append("|---|---|---|---|---|---|---|")
for case in ["actual_allowed", "preflight", "actual_refused"]:
    base, base_i = corset_row(f"{case}/16")
    for label, size in [("16, compile time", "16"), ("16", "runtime_16"), ("1,000", "runtime_1000"),
                        ("100,000", "runtime_100000")]:
        b, i = corset_row(f"{case}/{size}")
        if not b:
            continue
        ratio = f"{b['real_time'] / base['real_time']:.2f}" if base else "-"
        iratio = f"{i / base_i:.2f}" if i and base_i else "-"
        lines.append(f"| {case} | {label} | {b['real_time']:.1f} | {i or 0:.0f} | {ratio} | {iratio} | {b.get('allocs', 0):.0f} |")
lines.append("")
loads = [(n, medians.get("origin_set_load", {}).get(n)) for n in ["16", "1000", "100000"]]
lines.append("| origin_set loaded from a text of n lines | ms | bytes per origin |")
lines.append("|---|---|---|")
for n, b in loads:
    if b:
        ms = b["real_time"] if b.get("time_unit") == "ms" else b["real_time"] / 1e6
        lines.append(f"| {int(n):,} | {ms:.3f} | {b.get('bytes_per_origin', 0):.0f} |")
lines.append("")

lines.append("### route tables (corset::routes) in front of the 16-origin policy\n")
lines.append("| case | routes | ns | instructions | lookup ns (vs the policy alone) | lookup instructions |")
lines.append("|---|---|---|---|---|---|")
for case in ["actual_allowed", "preflight"]:
    base, base_i = corset_row(f"{case}/16")
    for label, size in [("none (policy alone)", "16"), ("1", "routes_1"), ("16", "routes_16"), ("256", "routes_256")]:
        b, i = corset_row(f"{case}/{size}")
        if not b:
            continue
        cost = f"{b['real_time'] - base['real_time']:.1f}" if base and size != "16" else "-"
        icost = f"{i - base_i:.0f}" if i and base_i and size != "16" else "-"
        lines.append(f"| {case} | {label} | {b['real_time']:.1f} | {i or 0:.0f} | {cost} | {icost} |")
lines.append("")

lines.append("### compile time (one service file, -std=c++20 -O2 -c)\n")
lines.append("| translation unit | g++ 12 | clang++ 14 |")
lines.append("|---|---|---|")
for row in compile_times:
    lines.append(f"| {row['unit']} | {row['g++']['seconds']:.2f} s, {row['g++']['mib']:.0f} MiB | "
                 f"{row['clang++']['seconds']:.2f} s, {row['clang++']['mib']:.0f} MiB |")

os.makedirs(out_dir, exist_ok=True)
table = "\n".join(lines) + "\n"
open(os.path.join(out_dir, "results.md"), "w").write(table)
print(table)

data = os.path.join(out_dir, "chart.dat")
with open(data, "w") as d:
    for name, c, f, u in chart:
        d.write(f'"{name}" {c} {f} {u}\n')
script = f"""set terminal svg size 1000,480 font "sans,11" noenhanced
set rmargin 10
set output "{os.path.join(out_dir, 'chart.svg')}"
set title "ns per request (policy of 16 origins; mixed: 240 origins + 16 patterns), log scale"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set logscale y
set ylabel "ns"
set xtics rotate by -30 scale 0
set key top left
set grid ytics
plot "{data}" using 2:xtic(1) title "corset", "" using 3 title "floor (hand-written)", "" using 4 title "usual way"
"""
subprocess.run(["gnuplot"], input=script, text=True, check=True)
print(f"wrote {out_dir}/results.md and {out_dir}/chart.svg")
