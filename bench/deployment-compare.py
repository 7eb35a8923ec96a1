#!/usr/bin/env python3
"""Side by side: two or more bench/run --deployment results (deployment.json), per metric, block size,
ingress and phase, the median of the runs' p50 in us, each with its floor in the same invocation.

    bench/deployment-compare.py before/deployment.json after/deployment.json [--metric delivery]
"""
import json
import sys


def load(path):
    with open(path) as f:
        records = json.load(f)
    label = records[0]["label"] if records else path
    return label, {(r["ingress"], r["blockBytes"], r["phase"]): r for r in records}


def size_label(n):
    if n % (1024 * 1024) == 0:
        return "%d MiB" % (n // (1024 * 1024))
    if n % 1024 == 0:
        return "%d KiB" % (n // 1024)
    return "%d B" % n


def cell(records, key, metric):
    r = records.get(key)
    if r is None or r.get(metric, {}).get("medianP50Us") is None:
        return None
    return r[metric]["medianP50Us"]


def main(argv):
    metric = "delivery"
    paths = []
    i = 0
    while i < len(argv):
        if argv[i] == "--metric":
            metric = argv[i + 1]
            i += 2
        else:
            paths.append(argv[i])
            i += 1
    sets = [load(p) for p in paths]
    keys = []
    for _, records in sets:
        for k in records:
            if k not in keys:
                keys.append(k)
    phases = []
    for k in keys:
        if k[2] not in phases:
            phases.append(k[2])
    sizes = sorted({k[1] for k in keys})
    ingresses = [i for i in ["floor", "api", "shm", "rpc"] if any(k[0] == i for k in keys)]
    head = "| block | ingress | phase |" + "".join(" %s |" % label for label, _ in sets)
    head += "".join(" %s / floor |" % label for label, _ in sets)
    if len(sets) == 2:
        head += " %s / %s |" % (sets[1][0], sets[0][0])
    print("### %s, median of the runs' p50, us\n" % metric)
    print(head)
    print("|---|---|---|" + "---:|" * (2 * len(sets) + (1 if len(sets) == 2 else 0)))
    for size in sizes:
        for ingress in ingresses:
            for phase in phases:
                values = [cell(records, (ingress, size, phase), metric) for _, records in sets]
                floors = [cell(records, ("floor", size, phase), metric) for _, records in sets]
                if all(v is None for v in values):
                    continue
                row = "| %s | %s | %s |" % (size_label(size), ingress, phase)
                row += "".join(" %s |" % ("-" if v is None else "%.0f" % v) for v in values)
                row += "".join(" %s |" % ("-" if v is None or f is None or f == 0 else "%.2fx" % (v / f))
                               for v, f in zip(values, floors))
                if len(sets) == 2:
                    a, b = values
                    row += " %s |" % ("-" if a is None or b is None else "%.2fx" % (b / a))
                print(row)
    print()


if __name__ == "__main__":
    main(sys.argv[1:])
