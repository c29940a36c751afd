#!/usr/bin/env python3
"""Summarise the samples of tests/bench/bench.sh into a Markdown table and a JSON file.

    bench_report.py SAMPLES.tsv MACHINE.env RESULTS.md RESULTS.json

Per case and tool: the median wall-clock time and CPU time over the runs, the largest peak
RSS seen, the output size, incidents per second (N / median wall time); per case the time
ratios incmap/GMT and incmap/Cartopy (below 1: incmap is faster; the speed-up is the
inverse), the size ratios, and for PNG cases the floor (median parse time + median PNG
encode time) and the ratio of the incmap render to it.  Never fails on slow results.
"""

import json
import statistics
import sys

TOOLS = ("incmap", "gmt", "cartopy")
NAMES = {"incmap": "incmap", "gmt": "GMT", "cartopy": "Cartopy"}


def num(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt_s(x):
    if x is None:
        return "–"
    return "%.2f s" % x if x >= 0.1 else "%.3f s" % x


def fmt_mb(kb):
    return "–" if kb is None else "%.0f MB" % (kb / 1024.0)


def fmt_size(b):
    if b is None:
        return "–"
    if b >= 1e6:
        return "%.1f MB" % (b / 1e6)
    return "%.0f KB" % (b / 1e3)


def fmt_rate(n, t):
    if not t or not n:
        return "–"
    r = n / t
    return "%.3g M/s" % (r / 1e6) if r >= 1e6 else "%.3g k/s" % (r / 1e3) if r >= 1e3 else "%.3g/s" % r


def fmt_ratio(r):
    if r is None:
        return "–"
    return "%.2f (%.1f× %s)" % (r, 1 / r if r < 1 else r, "faster" if r < 1 else "slower")


def main():
    samples_path, env_path, md_path, json_path = sys.argv[1:5]
    machine = {}
    with open(env_path, encoding="utf-8") as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                machine[k] = v
    rows = []
    with open(samples_path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if line.strip():
                rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))

    cases = []
    for r in rows:
        if r["case"] not in [c["case"] for c in cases]:
            cases.append({"case": r["case"], "n": int(r["n"]), "format": r["format"]})

    results = []
    for c in cases:
        mine = [r for r in rows if r["case"] == c["case"]]
        entry = dict(c, tools={}, floor=None)
        for tool in TOOLS + ("parse", "encode", "batch-shared", "batch-per-job", "scale"):
            rs = [r for r in mine if r["tool"] == tool]
            if not rs:
                continue
            ok = [r for r in rs if r["status"] == "ok"]
            wall = median([num(r["wall_s"]) for r in ok])
            entry["tools"][tool] = {
                "runs": len(rs),
                "failed": len(rs) - len(ok),
                "wall_s": [num(r["wall_s"]) for r in rs],
                "median_wall_s": wall,
                "median_cpu_s": median([num(r["cpu_s"]) for r in ok]),
                "peak_rss_kb": max([num(r["rss_kb"]) for r in ok if num(r["rss_kb"])] or [0]) or None,
                "bytes": num(ok[-1]["bytes"]) if ok else None,
                "incidents_per_s": c["n"] / wall if wall and tool in TOOLS else None,
            }
        t = entry["tools"]
        base = t.get("incmap", {}).get("median_wall_s")
        for a in ("gmt", "cartopy"):
            other = t.get(a, {})
            if base and other.get("median_wall_s"):
                entry["time_ratio_incmap_" + a] = base / other["median_wall_s"]
            mc = t.get("incmap", {}).get("median_cpu_s")
            if mc and other.get("median_cpu_s"):
                entry["cpu_ratio_incmap_" + a] = mc / other["median_cpu_s"]
            if t.get("incmap", {}).get("bytes") and other.get("bytes"):
                entry["size_ratio_incmap_" + a] = t["incmap"]["bytes"] / other["bytes"]
        if base and "parse" in t and "encode" in t:
            p, e = t["parse"]["median_wall_s"], t["encode"]["median_wall_s"]
            pc, ec = t["parse"]["median_cpu_s"], t["encode"]["median_cpu_s"]
            if p is not None and e is not None:
                entry["floor"] = {
                    "parse_s": p, "encode_s": e, "floor_s": p + e,
                    "ratio_render_to_floor": base / (p + e),
                    "parse_cpu_s": pc, "encode_cpu_s": ec,
                    "floor_cpu_s": (pc + ec) if pc is not None and ec is not None else None,
                    "ratio_render_to_floor_cpu":
                        (t["incmap"]["median_cpu_s"] / (pc + ec))
                        if pc and ec and t["incmap"]["median_cpu_s"] else None,
                }
        results.append(entry)

    out = []
    out.append("## incmap benchmark results\n")
    out.append("Machine: %s CPU(s), %s, %.1f GB RAM, %s; load average before %s, after %s."
               % (machine.get("nproc", "?"), machine.get("cpu", "?"),
                  (num(machine.get("mem_kb")) or 0) / 1048576, machine.get("kernel", "?"),
                  machine.get("load_before", "?"), machine.get("load_after", "?")))
    out.append("incmap %s (git %s); GMT %s; Cartopy %s; %s.\n"
               % (machine.get("incmap", "?").replace("incmap ", ""), machine.get("git", "?"),
                  machine.get("gmt", "?"), machine.get("cartopy", "?"), machine.get("date", "?")))
    out.append("Same map for every tool: Mercator, bbox 38,29,49,38, basemap, 4 weapon colours, "
               "legend, 2000×1600 px (10×8 in at 200 dpi). Time = median wall-clock time of the "
               "runs (the whole process, input reading included); CPU = median user+sys; RSS = "
               "largest peak resident set of any one process.\n")
    out.append("| case | N | tool | runs | time | CPU | incidents/s | peak RSS | output |")
    out.append("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    for e in results:
        for tool in TOOLS:
            if tool not in e["tools"]:
                continue
            s = e["tools"][tool]
            runs = "%d" % s["runs"] + (" (%d failed)" % s["failed"] if s["failed"] else "")
            out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                e["case"], "{:,}".format(e["n"]), NAMES[tool], runs, fmt_s(s["median_wall_s"]),
                fmt_s(s["median_cpu_s"]), fmt_rate(e["n"], s["median_wall_s"]),
                fmt_mb(s["peak_rss_kb"]), fmt_size(s["bytes"])))
    out.append("")
    out.append("| case | incmap/GMT time | incmap/Cartopy time | incmap/GMT CPU | "
               "incmap/Cartopy CPU | incmap/GMT size | incmap/Cartopy size |")
    out.append("|---|---:|---:|---:|---:|---:|---:|")
    for e in results:
        if "incmap" not in e["tools"]:
            continue
        sg, sc = e.get("size_ratio_incmap_gmt"), e.get("size_ratio_incmap_cartopy")
        out.append("| %s | %s | %s | %s | %s | %s | %s |" % (
            e["case"], fmt_ratio(e.get("time_ratio_incmap_gmt")),
            fmt_ratio(e.get("time_ratio_incmap_cartopy")),
            fmt_ratio(e.get("cpu_ratio_incmap_gmt")),
            fmt_ratio(e.get("cpu_ratio_incmap_cartopy")),
            "–" if sg is None else "%.2f" % sg, "–" if sc is None else "%.2f" % sc))
    out.append("")
    fl = [e for e in results if e["floor"]]
    if fl:
        out.append("Floor (PNG): parsing the input alone (`incmap info`, whole process) plus "
                   "encoding a PNG of the same image with libpng at level 6 (in process).\n")
        out.append("| case | parse | encode | floor | incmap render | render/floor | "
                   "render/floor (CPU) |")
        out.append("|---|---:|---:|---:|---:|---:|---:|")
        for e in fl:
            f = e["floor"]
            rc = f.get("ratio_render_to_floor_cpu")
            out.append("| %s | %s | %s | %s | %s | %.2f | %s |" % (
                e["case"], fmt_s(f["parse_s"]), fmt_s(f["encode_s"]), fmt_s(f["floor_s"]),
                fmt_s(e["tools"]["incmap"]["median_wall_s"]), f["ratio_render_to_floor"],
                "–" if rc is None else "%.2f" % rc))
        out.append("")
    bt = [e for e in results if "batch-shared" in e["tools"] and "batch-per-job" in e["tools"]]
    if bt:
        out.append("Nightly batch (issue 21): a manifest of 4 jobs (all, rockets, a 3-month "
                   "window, facets by year; default density) over one archive, `--jobs 2`, "
                   "with the inputs loaded once and shared by the workers, and with "
                   "`--load-per-job` (every worker loads them, as before). Target: at least "
                   "2.5× faster.\n")
        out.append("| case | N | shared load | CPU | load per job | CPU | speed-up | "
                   "speed-up (CPU) | peak RSS shared / per job |")
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for e in bt:
            a, b = e["tools"]["batch-shared"], e["tools"]["batch-per-job"]
            e["batch_speedup"] = (b["median_wall_s"] / a["median_wall_s"]
                                  if a["median_wall_s"] and b["median_wall_s"] else None)
            e["batch_speedup_cpu"] = (b["median_cpu_s"] / a["median_cpu_s"]
                                      if a["median_cpu_s"] and b["median_cpu_s"] else None)
            out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s / %s |" % (
                e["case"], "{:,}".format(e["n"]), fmt_s(a["median_wall_s"]),
                fmt_s(a["median_cpu_s"]), fmt_s(b["median_wall_s"]), fmt_s(b["median_cpu_s"]),
                "–" if e["batch_speedup"] is None else "%.2f×" % e["batch_speedup"],
                "–" if e["batch_speedup_cpu"] is None else "%.2f×" % e["batch_speedup_cpu"],
                fmt_mb(a["peak_rss_kb"]), fmt_mb(b["peak_rss_kb"])))
        out.append("")
    sc = [e for e in results if "scale" in e["tools"]]
    if sc:
        out.append("Scale (issue 21): CSV input, default density (hexagons past 200,000), the "
                   "same map; peak RSS should grow linearly and stay under 2 GB at 10,000,000.\n")
        out.append("| N | time | CPU | peak RSS | bytes of RSS per incident |")
        out.append("|---:|---:|---:|---:|---:|")
        for e in sc:
            s = e["tools"]["scale"]
            per = (s["peak_rss_kb"] * 1024.0 / e["n"]) if s["peak_rss_kb"] else None
            out.append("| %s | %s | %s | %s | %s |" % (
                "{:,}".format(e["n"]), fmt_s(s["median_wall_s"]), fmt_s(s["median_cpu_s"]),
                fmt_mb(s["peak_rss_kb"]), "–" if per is None else "%.0f" % per))
        out.append("")
    with open(md_path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    with open(json_path, "w", encoding="utf-8") as f:
        json.dump({"machine": machine, "cases": results}, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
