#!/usr/bin/env python3
"""Random valid policies for the differential test, seeded and reproducible: each one as a corset
type and as model data, with the origins it lists (the request generator's starting points).

usage: generate_policies.py OUT_DIR FILES POLICIES_PER_FILE SEED
       generate_policies.py --edge OUT_HPP COUNT SEED
           policies a proxy can be given (corset/edge.hpp: no allow_any_header, no
           allow_private_network), in one header, for the edge tests' differential corpus
"""
import os
import random
import sys

edge = sys.argv[1] == "--edge"
args = sys.argv[2:] if edge else sys.argv[1:]
out_dir, files, per_file, seed = args[0], int(args[1]), int(args[2]) if not edge else 1, int(args[-1])
rng = random.Random(seed)

HEADER_POOL = ["content-type", "x-csrf-token", "authorization", "x-requested-with", "x-a", "x-b", "X-Api-Key",
               "if-match", "accept", "x-trace-id", "Content-Language", "x_underscore", "x.dot"]
EXPOSE_POOL = ["x-request-id", "X-Total", "etag", "content-length", "x-rate-limit", "location"]
METHOD_POOL = ["PUT", "DELETE", "PATCH", "patch", "PROPFIND", "X-CUSTOM", "OPTIONS", "GET", "POST"]


def label():
    return rng.choice(["app", "api", "a", "b", "x-1", "tenant7", "eu", "www", "cdn", "zz9", "my_app"])


def domain():
    return ".".join(label() for _ in range(rng.randint(1, 2))) + "." + rng.choice(["example.com", "example.org", "test.io", "corp.example"])


def port_suffix(scheme):
    choice = rng.random()
    if choice < 0.6:
        return ""
    default = 443 if scheme == "https" else 80
    port = rng.choice([8080, 8443, 3000, 1, 65535, 5173])
    return "" if port == default else f":{port}"


def origin(credentials):
    kind = rng.random()
    scheme = "https" if credentials or rng.random() < 0.7 else "http"
    if kind < 0.55:
        return f"{scheme}://{domain()}{port_suffix(scheme)}"
    if kind < 0.7:
        return f"{scheme}://*.{domain()}{rng.choice(['', ':*', port_suffix(scheme)])}"
    if kind < 0.78:
        return f"{scheme}://{domain()}:*"
    if kind < 0.86:
        return "http://localhost" + rng.choice([":*", ":8080", "", ":3000"])
    if kind < 0.93:
        host = rng.choice(["127.0.0.1", "10.1.2.3", "192.168.0.10"] if not credentials else ["127.0.0.1", "127.9.9.9"])
        return f"http://{host}" + rng.choice(["", ":8080", ":*"])
    host = rng.choice(["[::1]", "[2001:db8::1]", "[fe80::1:2]"] if not credentials else ["[::1]"])
    return f"http://{host}" + rng.choice(["", ":8080", ":*"])


def unique(items, key=lambda x: x):
    seen, out = set(), []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            out.append(item)
    return out


def policy(index):
    credentials = rng.random() < 0.5
    any_origin = not credentials and rng.random() < 0.15
    origins = [] if any_origin else unique([origin(credentials) for _ in range(rng.randint(1, 24))])
    p = {"credentials": credentials, "any_origin": any_origin, "origins": origins}
    r = rng.random()
    p["any_method"] = r < 0.2
    p["methods"] = [] if p["any_method"] or r > 0.8 else unique(rng.sample(METHOD_POOL, rng.randint(1, 3)),
                                                                  key=lambda m: m.upper() if m.upper() in ("PATCH",) else m)
    # 'patch' and 'PATCH' are different methods, but normalized ones must be uppercase: fine here.
    r = rng.random()
    p["any_header"] = r < 0.25 and not edge  # the same draws either way: the seeded policies stay as they were
    p["headers"] = []
    if p["any_header"]:
        if rng.random() < 0.4:
            p["headers"] = [rng.choice(["authorization", "Authorization"])]
    elif r < 0.85:
        p["headers"] = unique(rng.sample(HEADER_POOL, rng.randint(1, 5)), key=str.lower)
    r = rng.random()
    p["expose_any"] = not credentials and r < 0.1
    p["exposed"] = [] if p["expose_any"] or r > 0.6 else unique(rng.sample(EXPOSE_POOL, rng.randint(1, 3)), key=str.lower)
    p["max_age"] = rng.choice([None, None, 0, 5, 600, 86400])
    p["private_network"] = rng.random() < 0.3 and not edge
    # rules 8: the cross-origin write options, in the combinations that compile (5.12, 8.7)
    r = rng.random()
    p["refuse_writes"] = not p["any_origin"] and ((not credentials and r < 0.3) or (credentials and r < 0.1))
    p["allow_writes"] = credentials and not p["refuse_writes"] and 0.1 <= r < 0.3
    protects = (credentials and not p["allow_writes"]) or p["refuse_writes"]
    p["report_writes"] = protects and rng.random() < 0.25
    if not p["any_origin"] and not p["origins"]:
        p["origins"] = ["https://app.example.com"]
    return p


def cpp_type(p):
    opts = []
    opts.append("corset::allow_any_origin" if p["any_origin"] else
                "corset::allow_origins<" + ", ".join(f'"{o}"' for o in p["origins"]) + ">")
    if p["any_method"]:
        opts.append("corset::allow_any_method")
    elif p["methods"]:
        opts.append("corset::allow_methods<" + ", ".join(f'corset::method<"{m}">' for m in p["methods"]) + ">")
    if p["any_header"]:
        opts.append("corset::allow_any_header")
    if p["headers"]:
        opts.append("corset::allow_headers<" + ", ".join(f'"{h}"' for h in p["headers"]) + ">")
    if p["expose_any"]:
        opts.append("corset::expose_any_header")
    elif p["exposed"]:
        opts.append("corset::expose_headers<" + ", ".join(f'"{h}"' for h in p["exposed"]) + ">")
    if p["credentials"]:
        opts.append("corset::allow_credentials")
    if p["max_age"] is not None:
        opts.append(f"corset::max_age<{p['max_age']}>")
    if p["private_network"]:
        opts.append("corset::allow_private_network")
    for flag, option in (("refuse_writes", "refuse_cross_origin_writes"), ("allow_writes", "dangerously_allow_cross_origin_writes"),
                         ("report_writes", "report_cross_origin_writes")):
        if p[flag]:
            opts.append("corset::" + option)
    rng.shuffle(opts)  # option order does not matter
    return "corset::policy<" + ", ".join(opts) + ">"


def strings(items):
    return "{" + ", ".join(f'"{i}"' for i in items) + "}"


def model_data(p):
    return ("model::policy{" +
            f".any_origin = {str(p['any_origin']).lower()}, .origins = {strings(p['origins'])}, "
            f".any_method = {str(p['any_method']).lower()}, .methods = {strings(p['methods'])}, "
            f".any_header = {str(p['any_header']).lower()}, .headers = {strings(p['headers'])}, "
            f".expose_any = {str(p['expose_any']).lower()}, .exposed = {strings(p['exposed'])}, "
            f".credentials = {str(p['credentials']).lower()}, "
            f".max_age = {'std::nullopt' if p['max_age'] is None else p['max_age']}, "
            f".private_network = {str(p['private_network']).lower()}, "
            f".refuse_writes = {str(p['refuse_writes']).lower()}, .allow_writes = {str(p['allow_writes']).lower()}, "
            f".report_writes = {str(p['report_writes']).lower()}}}")


def write_edge_header(path, count):
    lines = ["// Generated by tests/model/generate_policies.py --edge: random valid policies that a proxy can",
             "// be given, as types and as model data (the model's origins seed the requests).",
             "#pragma once", "#include <corset/corset.hpp>", "#include \"model.hpp\"", "", "namespace generated_edge {", ""]
    calls = []
    for i in range(count):
        p = policy(i)
        lines.append(f"inline constexpr {cpp_type(p)} policy_{i}{{}};")
        calls.append(f"  visit(policy_{i}, {model_data(p)}, \"edge_{i}\");")
    lines += ["", "// visit(policy, model data, a name for the proxy's files) for each policy, in order.",
              "template <class Visit>", "void for_each_policy(Visit&& visit) {"] + calls + ["}", "}  // namespace generated_edge"]
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    open(path, "w").write("\n".join(lines) + "\n")


if edge:
    write_edge_header(out_dir, files)
    sys.exit(0)

os.makedirs(out_dir, exist_ok=True)
for f in range(files):
    lines = ["// Generated by tests/model/generate_policies.py: random valid policies, as types and as data.",
             "#include \"generated_policies.hpp\"", "", "namespace generated {", ""]
    entries = []
    for i in range(per_file):
        p = policy(f * per_file + i)
        name = f"policy_{f}_{i}"
        lines.append(f"inline constexpr {cpp_type(p)} {name}{{}};")
        entries.append(f"  run(out, {name}, {model_data(p)}, seed + {i});")
    lines.append("")
    lines.append(f"void file_{f}(std::vector<result>& out, unsigned seed) {{")
    lines += entries
    lines.append("}")
    lines.append("}  // namespace generated")
    open(os.path.join(out_dir, f"policies_{f}.cpp"), "w").write("\n".join(lines) + "\n")
with open(os.path.join(out_dir, "all_files.hpp"), "w") as h:
    h.write("// Generated: every file of generated policies.\n#pragma once\n#include \"generated_policies.hpp\"\n")
    h.write("namespace generated {\n")
    for f in range(files):
        h.write(f"void file_{f}(std::vector<result>& out, unsigned seed);\n")
    h.write("inline void all_files(std::vector<result>& out, unsigned seed) {\n")
    for f in range(files):
        h.write(f"  file_{f}(out, seed + {f * 1000});\n")
    h.write("}\n}  // namespace generated\n")
