#!/usr/bin/env python3
"""Tables and a chart from one run: Google Benchmark JSON (median of repetitions), instruction
counts, compile times and, when given, the peers' drivers' JSON (benchmarks/peers).
usage: report.py [--no-chart] TIMES.json INSTRUCTIONS.json COMPILE.json E2E.json OUT_DIR [PEER.json...]
(E2E.json may be a path that does not exist: no end-to-end table then.) The date, the processor
and the compiler are the run's own, from TIMES.json, so that the published files give back the
published tables (tests/docs/check_figures.py). --no-chart: the chart's data, not the chart."""
import datetime
import json
import os
import platform
import subprocess
import sys

args = [a for a in sys.argv[1:] if a != "--no-chart"]
draw_chart = len(args) == len(sys.argv) - 1
times_path, instructions_path, compile_path, e2e_path, out_dir = args[:5]
times = json.load(open(times_path))
instructions = json.load(open(instructions_path))
compile_times = json.load(open(compile_path))
peers = [json.load(open(p)) for p in args[5:]]
e2e = json.load(open(e2e_path)) if os.path.exists(e2e_path) else None

medians = {}
for b in times["benchmarks"]:
    if b.get("aggregate_name", "median") != "median":
        continue
    name = b.get("run_name", b["name"]).replace("_median", "")
    group, variant = name.rsplit("/", 1)
    medians.setdefault(group, {})[variant] = b

order = ["actual_allowed", "actual_refused", "no_origin", "preflight", "preflight_refused", "preflight_64k_acrh",
         "subdomain_match", "write_allowed", "write_refused", "beast_actual_allowed", "preflight_1m_commas",
         "preflight_1m_spaces", "preflight_1m_name", "preflight_10000_names", "preflight_1000_lines",
         "actual_64k_origin"]
sizes = ["1", "16", "256", "4096", "mixed"]
# The chart's cases: the CORS answers (the cross-origin write cases are in the tables only).
charted = {"actual_allowed", "actual_refused", "no_origin", "preflight", "preflight_refused", "preflight_64k_acrh",
           "subdomain_match"}
lines = []
# Where and when the run was made, as the benchmark recorded it (overhead.cpp); a run from before
# it recorded them is described by this machine.
context = times.get("context", {})
measured = context.get("date", "")[:10] or str(datetime.date.today())
model = context.get("cpu")
if not model:
    model = platform.processor() or platform.machine()
    try:
        model = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
machine = f"{model}, {context.get('num_cpus') or os.cpu_count()} cores"
compiler = context.get("compiler") or "g++ " + subprocess.run(["g++", "-dumpversion"], capture_output=True,
                                                              text=True).stdout.strip()
lines.append(f"Measured {measured} on {machine}; {compiler}, -O3 (CMake Release).")
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
        if case in charted and size in ("16", "mixed") and c and f and u:
            chart.append((f"{case}/{size}", c["real_time"], f["real_time"], u["real_time"]))
    lines.append("")

# The same cases with the header sink (policy.evaluate(r, sink)), which hands each header over as
# it is decided, the way the floor does: the like-for-like comparison with the floor.
lines.append("### the header sink, against the floor\n")
lines.append("`policy.evaluate(r, sink)`: corset calls `sink(name, value)` for each header, as the floor does; "
             "the tables above measure the `decision`, a value the caller reads back.\n")
lines.append("| case | policy | sink ns | floor ns | ratio | sink instr | floor instr | instr ratio |")
lines.append("|---|---|---|---|---|---|---|---|")
for case in order:
    for size in sizes:
        m = medians.get(f"{case}/{size}", {})
        sink, floor = m.get("corset_sink"), m.get("floor")
        if not sink or not floor:
            continue
        ins = instructions.get(f"{case}/{size}", {})
        i_sink, i_floor = ins.get("corset_sink"), ins.get("floor")
        instr = f"{i_sink:.0f} | {i_floor:.0f} | {i_sink / i_floor:.2f}" if i_sink and i_floor else "- | - | -"
        lines.append(f"| {case} | {size} | {sink['real_time']:.1f} | {floor['real_time']:.1f} | "
                     f"{sink['real_time'] / floor['real_time']:.2f} | {instr} |")
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
loads = [(n, medians.get("origin_set_load", {}).get(n), medians.get("origin_set_first_load", {}).get(n))
         for n in ["16", "1000", "100000"]]
lines.append("| origin_set loaded from a text of n lines | reload, ms | first load, ms | bytes per origin |")
lines.append("|---|---|---|---|")


def ms(b):
    if not b:
        return "-"
    return f"{b['real_time'] if b.get('time_unit') == 'ms' else b['real_time'] / 1e6:.3f}"


for n, b, first in loads:
    if b:
        lines.append(f"| {int(n):,} | {ms(b)} | {ms(first)} | {b.get('bytes_per_origin', 0):.0f} |")
lines.append("")
lines.append("A reload replaces a set and mostly reuses its memory; a first load (a new set, built in memory "
             "given back to the kernel with malloc_trim) pays a page fault for every page it touches.\n")

lines.append("### route tables (corset::routes) in front of the 16-origin policy\n")
lines.append("The same policy evaluated alone is the base; the lookup is the difference, for the target "
             "`/api/tenant7/items/42?page=2` under the 7th of N routes `/api/tenantK/` "
             "(`/api/tenant1/items/42?page=2` for 1 route).\n")
lines.append("Both ways of receiving the answer are measured: the `decision` (`routes.evaluate(target, r)` against "
             "`policy.evaluate(r)`) and the header sink (`routes.evaluate(target, r, sink)` against "
             "`policy.evaluate(r, sink)`).\n")
lines.append("| case | routes | answer | ns | instructions | policy alone ns / instr | lookup ns | lookup instructions |")
lines.append("|---|---|---|---|---|---|---|---|")
for case in ["actual_allowed", "preflight"]:
    for size in ["1", "16", "256", "1024"]:
        for answer, table, alone in [("decision", "corset", "policy"), ("sink", "corset_sink", "policy_sink")]:
            group = medians.get(f"{case}/routes_{size}", {})
            b, base = group.get(table), group.get(alone)
            counts = instructions.get(f"{case}/routes_{size}", {})
            i, base_i = counts.get(table), counts.get(alone)
            if not b or not base:
                continue
            icost = f"{i - base_i:.0f}" if i and base_i else "-"
            lines.append(f"| {case} | {size} | {answer} | {b['real_time']:.1f} | {i or 0:.0f} | {base['real_time']:.1f} / "
                         f"{base_i or 0:.0f} | {b['real_time'] - base['real_time']:.1f} | {icost} |")
lines.append("")

# The peers: each driver's own overhead (middleware on minus off, in-process), next to corset's
# decision for the same case.
peer_cases = [("actual_allowed", "actual request, allowed (last of 16)", "actual_allowed/16"),
              ("actual_refused", "actual request, refused origin", "actual_refused/16"),
              ("preflight", "preflight, PUT + 3 sorted headers", "preflight/16"),
              ("no_origin", "no Origin", "no_origin/16"),
              ("subdomain_match", "`*.example.com` match", "subdomain_match/mixed")]
peer_chart = []
if peers:
    lines.append("### the peers: each CORS layer's own overhead per request\n")
    lines.append("corset: the decision for the same request (16 origins; the match: the mixed policy). Peers: "
                 "the middleware on minus off, in-process, no sockets, best or median of several rounds; "
                 "allocations where the runtime counts them.\n")
    lines.append("| case | corset | " + " | ".join(f"{p['peer']} {p['version']}" for p in peers) + " |")
    lines.append("|---|---|" + "---|" * len(peers))
    for key, label, corset_group in peer_cases:
        b = medians.get(corset_group, {}).get("corset")
        cells = [f"{b['real_time']:.1f} ns, {b.get('allocs', 0):.0f} allocs" if b else "-"]
        row = [label, b["real_time"] if b else 0]
        for p in peers:
            c = p["cases"].get(key)
            if not c:
                cells.append("-")
                row.append(0)
                continue
            allocs = f", {c['allocs']:.0f} allocs" if c.get("allocs") is not None else ""
            cells.append(f"{c['ns']:.0f} ns{allocs}")
            row.append(max(c["ns"], 0.1))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
        peer_chart.append(row)
    lines.append("")
    lines.append("What each peer cannot express, rather than cases tuned to flatter corset. rs/cors 1.7.0 "
                 "checks nothing in its options: `*` with credentials is taken and answered with "
                 "`Access-Control-Allow-Origin: *` plus credentials, which browsers refuse. Express cors "
                 "reflects whatever it is given (`origin: true` with `credentials: true` echoes every origin) "
                 "and its regular expressions are the user's to anchor. flask-cors reads any string holding "
                 "regular-expression characters as an expression matched from its start only (without a `$`, "
                 "`https://.*\\.example\\.com` also accepts `https://a.example.com.evil.net`). None of the three refuses a "
                 "forged cross-origin write (rules 8). Runtimes: " +
                 "; ".join(f"{p['peer']}: {p['runtime']}" for p in peers) + ".\n")

if e2e:
    lines.append("### end to end: wrk against the example servers on loopback\n")
    lines.append(f"The seed's mix ({e2e['mix']}), wrk -t1 -c8, {e2e['seconds']} s a run, the modes alternating, "
                 f"median of {e2e['rounds']} rounds. Server and wrk share the machine's cores.\n")
    lines.append("| server | CORS | requests/s | p50 latency | p99 latency | requests/s vs none |")
    lines.append("|---|---|---|---|---|---|")
    for server, by_mode in e2e["servers"].items():
        none = by_mode["none"]["requests_per_second"]
        for mode, label in [("none", "none"), ("floor", "hand-written floor"), ("corset", "corset (adapter)")]:
            r = by_mode[mode]
            lines.append(f"| {server} | {label} | {r['requests_per_second']:,.0f} | {r['p50_ms'] * 1000:.0f} µs | "
                         f"{r['p99_ms'] * 1000:.0f} µs | {r['requests_per_second'] / none:.3f} |")
    lines.append("")

lines.append("### compile time (one service file, -std=c++20 -O2 -c)\n")
lines.append("| translation unit | g++ 12 | clang++ 14 |")
lines.append("|---|---|---|")
for row in compile_times:
    lines.append(f"| {row['unit']} | {row['g++']['seconds']:.2f} s, {row['g++']['mib']:.0f} MiB | "
                 f"{row['clang++']['seconds']:.2f} s, {row['clang++']['mib']:.0f} MiB |")

# The README's figures: the 16-origin cases, the peers, the lookup and the compile time, from this
# run (`bash .ci/main --refresh` puts them between the README's figures markers).
figures = [f"Measured {measured} by `bash .ci/main` on {machine}, {compiler.split()[0]} -O3; ns: median, "
           "instr: callgrind per request.\n"]
peer_names = [p["peer"] for p in peers]
figures.append("| 16 origins, per request | corset | corset, header sink | hand-written floor | the usual way | "
               + "".join(f"{n} | " for n in peer_names))
figures.append("|---|---|---|---|---|" + "---|" * len(peer_names))
for key, label, group in peer_cases:
    m, ins = medians.get(group, {}), instructions.get(group, {})
    def cell(variant):
        b, i = m.get(variant), ins.get(variant)
        if not b:
            return "-"
        return f"{b['real_time']:.1f} ns" + (f", {i:.0f} instr" if i else "")
    row = f"| {label} | {cell('corset')} | {cell('corset_sink')} | {cell('floor')} | {cell('usual')} | "
    for p in peers:
        c = p["cases"].get(key)
        row += (f"{c['ns']:.0f} ns | " if c else "- | ")
    figures.append(row)
# The goals' figures, met or not (docs/benchmarks.md, "Goals"): the lookup with both ways of
# receiving the headers, and the 16-origin file beside the umbrella.
def lookup_of(routes, table, policy):
    g = instructions.get(f"actual_allowed/routes_{routes}", {})
    return g[table] - g[policy] if table in g and policy in g else None
lookups = {(n, way): lookup_of(n, *way) for n in (16, 1024) for way in (("corset", "policy"), ("corset_sink", "policy_sink"))}
if None not in lookups.values():
    figures.append(f"\nA route table of 16 routes adds {lookups[16, ('corset', 'policy')]:.0f} instructions to the policy's "
                   f"decision, {lookups[16, ('corset_sink', 'policy_sink')]:.0f} with the header sink (1024 routes: "
                   f"{lookups[1024, ('corset', 'policy')]:.0f} and {lookups[1024, ('corset_sink', 'policy_sink')]:.0f}; "
                   "the goal is 100).")
compile_rows = {row["unit"]: row for row in compile_times}
if all(unit in compile_rows for unit in ("floor: <string_view> only", "<corset/corset.hpp> only", "16 origins", "4096 origins")):
    floor_row, umbrella, sixteen, big = (compile_rows[u] for u in ("floor: <string_view> only", "<corset/corset.hpp> only",
                                                                   "16 origins", "4096 origins"))
    def over(row, cxx):
        return row[cxx]["seconds"] - floor_row[cxx]["seconds"]
    figures.append(f"Compile time (median of runs), over `<string_view>` alone: `<corset/corset.hpp>` "
                   f"+{over(umbrella, 'g++'):.2f} s (g++) / +{over(umbrella, 'clang++'):.2f} s (clang++), a 16-origin "
                   f"policy +{over(sixteen, 'g++'):.2f} s / +{over(sixteen, 'clang++'):.2f} s (the goals: 0.1 and 0.3 s); "
                   f"4096 origins compile in {big['g++']['seconds']:.1f} s, {big['g++']['mib']:.0f} MiB (g++) / "
                   f"{big['clang++']['seconds']:.1f} s, {big['clang++']['mib']:.0f} MiB (clang++).")

os.makedirs(out_dir, exist_ok=True)
open(os.path.join(out_dir, "figures.md"), "w").write("\n".join(figures) + "\n")
table = "\n".join(lines) + "\n"
open(os.path.join(out_dir, "results.md"), "w").write(table)
print(table)

data = os.path.join(out_dir, "chart.dat")
with open(data, "w") as d:
    for name, c, f, u in chart:
        d.write(f'"{name}" {c} {f} {u}\n')
peer_data = os.path.join(out_dir, "peers.dat")
with open(peer_data, "w") as d:
    for row in peer_chart:
        d.write(f'"{row[0]}" ' + " ".join(str(v) for v in row[1:]) + "\n")
panels = 2 if peer_chart else 1
script = f"""set terminal svg size 1000,{480 * panels} font "sans,11" noenhanced
set output "{os.path.join(out_dir, 'chart.svg')}"
set multiplot layout {panels},1
set rmargin 10
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
if peer_chart:
    columns = ", ".join([f'"{peer_data}" using 2:xtic(1) title "corset"'] +
                        [f'"" using {k + 3} title "{p["peer"]}"' for k, p in enumerate(peers)])
    script += f"""set title "the peers: each CORS layer's own overhead per request, ns, log scale"
plot {columns}
"""
script += "unset multiplot\n"
if draw_chart:
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
    print(f"wrote {out_dir}/results.md and {out_dir}/chart.svg")
