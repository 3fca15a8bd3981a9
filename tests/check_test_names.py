#!/usr/bin/env python3
"""Every doctest case must reach CTest whole: doctest_discover_tests splits a name at ';' (a CMake list separator)
into pieces that match no test, and CTest then reports them as passed without running anything.
Usage: check_test_names.py TESTS_DIR   (exit 1 naming each TEST_CASE whose name contains ';')"""
import pathlib
import re
import sys

bad = []
for path in sorted(pathlib.Path(sys.argv[1]).glob("test_*.cpp")):
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for name in re.findall(r'TEST_CASE\("([^"]*)"', line):
            if ";" in name:
                bad.append(f"{path.name}:{lineno}: {name}")
for b in bad:
    print("test name with ';' (never run by CTest):", b)
print(f"check_test_names: {len(bad)} bad names")
sys.exit(1 if bad else 0)
