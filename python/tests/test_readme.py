"""The README's Python example runs as written (in a temporary directory: it may write sigma_max.png)."""

import contextlib
import io
import os
from pathlib import Path


def readme_example():
    text = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    start = text.index("```python", text.index("\n## Python\n")) + len("```python\n")
    return text[start:text.index("```", start)]


def test_readme_example(tmp_path):
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(readme_example(), "README.md (Python example)", "exec"), {"__name__": "readme"})
    finally:
        os.chdir(cwd)
    lines = out.getvalue().splitlines()
    assert lines[0] == "6 1 1.0"
    assert " 3/1048576 inal.definition reconstructed " in lines[1]
    assert lines[2] == "[543.2230989100669596913660514769766214 +/- 4.76e-35] noisy_gd.abbe_sandon reconstructed"
