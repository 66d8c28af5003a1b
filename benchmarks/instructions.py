#!/usr/bin/env python3
"""Instructions per request for corset and the floor, from one callgrind run of
`overhead --instructions` (each case dumped separately). usage: instructions.py OVERHEAD [OUT.json]"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

binary = sys.argv[1]
work = tempfile.mkdtemp(prefix="corset-callgrind-")
out = os.path.join(work, "callgrind.out")
subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}", binary,
                "--instructions"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
calls = 1000
counts = {}
for path in glob.glob(out + "*"):
    text = open(path).read()
    trigger = re.search(r"^desc: Trigger: Client Request: (.*)$", text, re.M)
    total = re.search(r"^totals: (\d+)", text, re.M)
    if trigger and total:
        counts[trigger.group(1).strip()] = int(total.group(1)) / calls
groups = {}
for label, n in counts.items():
    group, variant = label.rsplit("/", 1)
    groups.setdefault(group, {})[variant] = n
print(f"{'case':32} {'corset':>8} {'sink':>8} {'floor':>8} {'ratio':>6} {'sink':>6}")
for group in sorted(groups):
    g = groups[group]
    if "corset" in g and "floor" in g:
        sink = g.get("corset_sink")
        print(f"{group:32} {g['corset']:8.0f} {sink or 0:8.0f} {g['floor']:8.0f} {g['corset'] / g['floor']:6.2f} "
              f"{(sink or 0) / g['floor']:6.2f}")
if len(sys.argv) > 2:
    json.dump(groups, open(sys.argv[2], "w"), indent=1)

# Route tables: what the lookup adds to the policy of the route (the same policy, evaluated alone).
print(f"\n{'case':32} {'table':>8} {'policy':>8} {'lookup':>8} {'sink: table':>12} {'policy':>8} {'lookup':>8}")
for group in sorted(groups, key=lambda g: (g.rsplit("/", 1)[0], int(g.rsplit("_", 1)[1]) if "/routes_" in g else 0)):
    g = groups[group]
    if "/routes_" in group and "policy" in g:
        sink = (f"{g['corset_sink']:12.0f} {g['policy_sink']:8.0f} {g['corset_sink'] - g['policy_sink']:8.0f}"
                if "corset_sink" in g and "policy_sink" in g else "")
        print(f"{group:32} {g['corset']:8.0f} {g['policy']:8.0f} {g['corset'] - g['policy']:8.0f} {sink}")

# Run-time origin sets against the compile-time matcher of 16 origins (the same case, same options).
print(f"\n{'case':32} {'run-time':>8} {'16 c-t':>8} {'ratio':>6}")
for group in sorted(groups):
    if "/runtime_" in group:
        case = group.split("/")[0]
        compiled = groups.get(case + "/16", {}).get("corset")
        if compiled:
            print(f"{group:32} {groups[group]['corset']:8.0f} {compiled:8.0f} {groups[group]['corset'] / compiled:6.2f}")
