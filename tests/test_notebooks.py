"""The notebooks in notebooks/ run top to bottom on a fresh kernel and agree with the scorer.

exploration.ipynb is stored with its outputs (its charts show on GitHub), evaluation.ipynb
without. Each notebook is executed with nbclient on a kernel of this very Python (`sys.executable`):
the test installs a throwaway `python3` kernelspec for it, so no kernel setup by hand is
needed and a `python3` kernelspec elsewhere on the machine (another Python, without
edunews_nlp) is never picked up. The working directory is notebooks/, as in Jupyter.

The notebooks load the language models, so these tests are marked `slow`
(`pytest -m "not slow"` leaves them out); they run by default.

    python tests/test_notebooks.py [OUT_DIR]

executes both notebooks the same way and writes the executed copies (with outputs) to
OUT_DIR (default: results/notebooks/), e.g. to look at the figures without Jupyter.
"""

from __future__ import annotations

import os
import pathlib
import re
import sys
import time

import pytest

REPO = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
SHARED = REPO.parent / "shared"
NAMES = ("evaluation", "exploration")
CELL_TIMEOUT_S = 600  # per cell; a whole notebook takes well under a minute on 2 cores

nbformat = pytest.importorskip("nbformat", reason="needs the notebooks extra: pip install -e '.[dev]'")
nbclient = pytest.importorskip("nbclient", reason="needs the notebooks extra: pip install -e '.[dev]'")
pytest.importorskip("ipykernel", reason="needs the notebooks extra: pip install -e '.[dev]'")


def install_kernel(prefix: pathlib.Path) -> pathlib.Path:
    """A `python3` kernelspec whose argv runs sys.executable; returns its kernels/ folder."""
    from ipykernel.kernelspec import install

    from jupyter_client.kernelspec import KernelSpecManager

    install(kernel_name="python3", prefix=str(prefix))
    kernels_dir = prefix / "share" / "jupyter" / "kernels"
    argv = KernelSpecManager(kernel_dirs=[str(kernels_dir)]).get_kernel_spec("python3").argv
    assert argv[0] == sys.executable, f"the python3 kernel would run {argv[0]}, not {sys.executable}"
    return kernels_dir


def kernel_manager_class(kernels_dir: pathlib.Path):
    """nbclient's kernel manager, reading kernelspecs from `kernels_dir` only."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class Manager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _kernel_spec_manager_default(self):
            return KernelSpecManager(kernel_dirs=[str(kernels_dir)])

    return Manager


def execute(name: str, kernels_dir: pathlib.Path):
    """Run notebooks/NAME.ipynb on a fresh kernel; returns (executed notebook, seconds).

    nbclient owns the kernel manager, so the kernel is shut down when the run ends."""
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    # The kernel starts in notebooks/: a relative PYTHONPATH (`PYTHONPATH=src pytest`) is
    # made absolute so that it imports the same edunews_nlp as the tests.
    if os.environ.get("PYTHONPATH"):
        os.environ["PYTHONPATH"] = os.pathsep.join(str(pathlib.Path(entry).resolve())
                                                   for entry in os.environ["PYTHONPATH"].split(os.pathsep) if entry)
    client = nbclient.NotebookClient(notebook, kernel_name="python3", timeout=CELL_TIMEOUT_S,
                                     kernel_manager_class=kernel_manager_class(kernels_dir),
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    began = time.perf_counter()
    client.execute()  # raises CellExecutionError on the first cell that fails
    return notebook, time.perf_counter() - began


def outputs(notebook) -> list:
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", [])]


def cell_text(notebook, tag: str) -> str:
    """The printed (stdout) text of the cell tagged `tag`."""
    cells = [c for c in notebook.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"expected one cell tagged {tag!r}, found {len(cells)}"
    return "".join(o.get("text", "") for o in cells[0].get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


def without_speed(table: str) -> str:
    """A format_table() text minus what changes from run to run: the speed line and chars_per_s."""
    lines = [line for line in table.strip().splitlines() if not line.startswith("speed:")]
    return re.sub(r"chars_per_s=\S+", "chars_per_s=*", "\n".join(lines))


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """name -> (executed notebook, seconds); each notebook runs once for all the tests here."""
    kernels_dir = install_kernel(tmp_path_factory.mktemp("kernel"))
    cache: dict = {}

    def get(name: str):
        if name not in cache:
            cache[name] = execute(name, kernels_dir)
            print(f"\n{name}.ipynb executed in {cache[name][1]:.1f} s")
        return cache[name]

    return get


STORED_WITH_OUTPUTS = ("exploration",)  # so that a reader sees its charts on GitHub
MAX_STORED_BYTES = 1_000_000


@pytest.mark.parametrize("name", [n for n in NAMES if n not in STORED_WITH_OUTPUTS])
def test_notebook_is_stored_without_outputs(name):
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code
    assert not outputs(notebook), f"{name}.ipynb is stored with outputs: clear them before saving"
    assert all(c.get("execution_count") is None for c in code)
    assert notebook.metadata.get("kernelspec", {}).get("name") == "python3"


@pytest.mark.parametrize("name", STORED_WITH_OUTPUTS)
def test_notebook_is_stored_with_outputs_that_read_the_cli_output(name):
    path = NOTEBOOKS / f"{name}.ipynb"
    assert path.stat().st_size < MAX_STORED_BYTES
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    stored = outputs(notebook)
    assert not [o for o in stored if o.get("output_type") == "error"]
    assert len([o for o in stored if "image/png" in o.get("data", {})]) >= 3
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.get("execution_count") for c in code), "run every cell before saving"
    # one cell names the CLI output; the tables come from the library, not rebuilt
    parameters = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(parameters) == 1 and "RECORDS = " in parameters[0].source
    source = "\n".join(c.source for c in code)
    assert "edunews_nlp.read_output(" in source and "edunews_nlp.to_frames(" in source
    assert "mark_facts(" in source and "rows.append" not in source
    assert "records.jsonl:" in "".join(o.get("text", "") for o in stored)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_and_plots(name, executed):
    notebook, seconds = executed(name)
    results = outputs(notebook)
    errors = [o for o in results if o.get("output_type") == "error"]
    assert not errors, f"{name}.ipynb: error output {errors[0].get('ename')}: {errors[0].get('evalue')}"
    images = [o for o in results if "image/png" in o.get("data", {})]
    assert images, f"{name}.ipynb produced no image/png output"


@pytest.mark.slow
def test_evaluation_notebook_agrees_with_the_scorer(executed):
    notebook, _ = executed("evaluation")
    printed = cell_text(notebook, "dev-summary")
    if not (SHARED / "dev" / "gold.jsonl").is_file():
        assert "dev set absent" in printed
        pytest.skip(f"needs the shared dev set at {SHARED} (present in CI)")

    from edunews_nlp.evaluate import format_table, run

    table = format_table(run(SHARED / "dev" / "gold.jsonl", SHARED / "dev" / "articles"))
    notebook_summary = printed.strip().splitlines()[-1]
    module_summary = table.splitlines()[-1]
    assert notebook_summary.startswith("summary: ")
    # chars_per_s is a timing: equal figures, not equal speeds
    assert without_speed(notebook_summary) == without_speed(module_summary)
    assert without_speed(printed) == without_speed(table)


def main(argv: list[str]) -> int:
    import tempfile

    out = pathlib.Path(argv[0]) if argv else REPO / "results" / "notebooks"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        kernels_dir = install_kernel(pathlib.Path(tmp))
        for name in NAMES:
            notebook, seconds = execute(name, kernels_dir)
            nbformat.write(notebook, out / f"{name}.ipynb")
            print(f"{name}.ipynb: {seconds:.1f} s -> {out / f'{name}.ipynb'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
