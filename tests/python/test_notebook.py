"""The example notebook executed headless (jupyter nbconvert --execute) and the
Markdown report that embeds the SVG; skipped without Debian's
python3-nbconvert and python3-ipykernel."""
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

EXAMPLES = os.environ["INCMAP_EXAMPLES"]
SAMPLE = os.path.join(os.environ["INCMAP_DATA"], "iraq-2021.json")


@pytest.mark.notebook
def test_notebook_runs_and_shows_maps(tmp_path):
    pytest.importorskip("nbconvert")
    pytest.importorskip("ipykernel")
    nb = tmp_path / "incmap-notebook.ipynb"
    shutil.copy(os.path.join(EXAMPLES, "incmap-notebook.ipynb"), nb)
    env = dict(os.environ, INCMAP_EXAMPLE=SAMPLE, PYDEVD_DISABLE_FILE_VALIDATION="1")
    subprocess.run([sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.timeout=300", "--output", "executed.ipynb",
                    str(nb)], cwd=tmp_path, env=env, check=True, capture_output=True)
    done = json.loads((tmp_path / "executed.ipynb").read_text(encoding="utf-8"))
    outputs = [o for c in done["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    assert not [o for o in outputs if o["output_type"] == "error"]
    pngs = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(pngs) == 2, "both maps are shown inline"
    assert all("<img" in "".join(o["data"]["text/html"]) for o in pngs)
    text = "".join("".join(o.get("text", "")) for o in outputs)
    assert 'rows[3] (id "2019-12-09-biap"): lat: 95 is outside' in text
    assert (tmp_path / "rockets.svg").read_bytes().startswith(b"<?xml")


@pytest.mark.notebook
def test_markdown_report_embeds_the_svg(tmp_path):
    pytest.importorskip("pandas")
    subprocess.run([sys.executable, os.path.join(EXAMPLES, "report.py"), SAMPLE,
                    str(tmp_path / "out")], check=True)
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "![Map of the incidents](map.svg)" in md
    assert "| rocket | 30 |" in md
    root = ET.parse(tmp_path / "out" / "map.svg").getroot()
    assert root.tag.endswith("svg")
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and "Iraq and Syria" in title.text
