#!/usr/bin/env python3
"""Folder-level dependency check of src/ (and python/): every #include "folder/..." must point to a lower layer.

Layers (DESIGN.md, section 2): the domains at the bottom, api/ as the library's front door above them, report/ (tables,
writers, the verbs' documents, the report sections) above api/, and the front ends on top: sweep/, cli/ and the Python
module. A strict layer order admits no folder cycle; cli/ is a leaf (nothing in the library includes it).
Usage: check_layers.py SOURCE_DIR   (exit 0 when every edge points down; prints the graph)
"""
import os
import re
import sys

LAYER = {
    "exact": 0,
    "boolean": 1, "kernels": 1, "radial": 1,
    "alignment": 2,
    "sim": 3, "bounds": 3, "width": 3, "landscape": 3,
    "api": 4,
    "report": 5,
    "sweep": 6, "cli": 7, "python": 7,
}
FRONT_ENDS = {"sweep", "cli", "python"}  # never depend on each other, except cli handing the sweep its verbs
# The command line parses and renders only: it reaches the domains through api/ and report/, never directly.
CLI_MAY_INCLUDE = {"exact", "api", "report", "sweep"}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/')


def folders(root):
    for base in ("src", "python"):
        top = os.path.join(root, base)
        if not os.path.isdir(top):
            continue
        for dirpath, _, files in os.walk(top):
            rel = os.path.relpath(dirpath, top).split(os.sep)[0]
            folder = "python" if base == "python" else rel
            for f in files:
                if f.endswith((".hpp", ".cpp", ".inc", ".h")):
                    yield folder, os.path.join(dirpath, f)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    edges, bad = {}, []
    for folder, path in folders(root):
        if folder not in LAYER:
            bad.append(f"{path}: folder '{folder}' has no layer in tests/check_layers.py")
            continue
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                m = INCLUDE.match(line)
                if not m or m.group(1) == folder:
                    continue
                dep = m.group(1)
                if dep not in LAYER:
                    continue  # a system or third-party header such as "CLI/CLI.hpp"
                edges.setdefault(folder, set()).add(dep)
                allowed = LAYER[dep] < LAYER[folder] or (folder == "cli" and dep == "sweep")
                if folder == "cli" and dep not in CLI_MAY_INCLUDE:
                    bad.append(f"{os.path.relpath(path, root)}:{lineno}: cli -> {dep}: the command line reaches the domains through api/")
                elif not allowed or (folder in FRONT_ENDS and dep in FRONT_ENDS and not (folder == "cli" and dep == "sweep")):
                    bad.append(f"{os.path.relpath(path, root)}:{lineno}: {folder} -> {dep} points up or sideways")
    for folder in sorted(edges, key=lambda f: (LAYER[f], f)):
        print(f"{folder:10s} -> {' '.join(sorted(edges[folder], key=lambda f: (LAYER[f], f)))}")
    included_cli = [f for f, deps in edges.items() if "cli" in deps]
    if included_cli:
        bad.append(f"cli is not a leaf: included by {', '.join(sorted(included_cli))}")
    for b in bad:
        print("layer violation:", b)
    print(f"check_layers: {len(bad)} violations")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
