"""Where the full pipeline spends its time beyond the bare models. Run on demand:

    .venv/bin/python benchmarks/profile_pipeline.py [--lang en|ru] [--repeat 3] [--top 25] [--html OUT.html]

Two views, both after a warm-up (models loaded, caches of the first document filled):

1. CPU seconds per stage (time.process_time, so other jobs on the machine do not inflate
   it), with the segment stage split into the model call (spaCy `nlp.pipe` / razdel's
   segmentation + slovnet's batched NER) and our own conversion of its output.
2. Sampled call stacks summed per function of edunews_nlp: the inclusive share (with what
   it calls) and the own share (its lines and the non-model libraries it calls: regex,
   pymorphy3, yaml, ...). py-spy when it is installed (it sees time spent in native model
   code under the Python caller), else pyinstrument (--html writes its report).

The same texts as benchmarks/pipeline_bench.py (dev en_* articles; corpora + dev ru_*).
It also profiles import + model loading (--load).
"""

from __future__ import annotations

import argparse
import collections
import functools
import pathlib
import re
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from bench_data import WARM_UP, english_texts, russian_texts  # noqa: E402


def stage_cpu(texts: list[str], lang: str) -> tuple[dict[str, float], float]:
    """CPU seconds per stage over `texts` (after a warm-up), and the total."""
    import edunews_nlp
    from edunews_nlp import pipeline as pipeline_module
    from edunews_nlp import segment

    edunews_nlp.extract(WARM_UP[lang])
    spent: dict[str, float] = collections.defaultdict(float)

    depth: dict[str, int] = collections.defaultdict(int)

    def timed(name, func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            depth[name] += 1
            started = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                depth[name] -= 1
                if not depth[name]:  # the outermost call counts (pipe() calls __call__ on long texts)
                    spent[name] += time.process_time() - started
        return wrapper

    original_stage = pipeline_module._stage

    def stage(doc, name, run):
        if name == "segment":  # counted by the analyser wrappers below
            return original_stage(doc, name, run)
        started = time.process_time()
        try:
            return original_stage(doc, name, run)
        finally:
            spent[name] += time.process_time() - started

    patches = [(pipeline_module, "_stage", stage)]
    patches.append((segment.SpacyAnalyser, "pipe", timed("segment", segment.SpacyAnalyser.pipe)))
    patches.append((segment.SpacyAnalyser, "_collect",
                    staticmethod(timed("segment: our conversion", segment.SpacyAnalyser._collect))))
    patches.append((segment.Analyser, "__call__", timed("segment", segment.Analyser.__call__)))
    # natasha: razdel's segmentation and the batched slovnet NER are the model.
    patches.append((segment.NatashaAnalyser, "pipe", timed("segment", segment.NatashaAnalyser.pipe)))
    patches.append((segment, "_segment_ru", timed("segment: model", segment._segment_ru)))
    patches.append((segment.NatashaAnalyser, "_ner_tags", timed("segment: model", segment.NatashaAnalyser._ner_tags)))
    from edunews_nlp.output import article_record

    saved = [(owner, name, owner.__dict__[name]) for owner, name, _ in patches]
    for owner, name, value in patches:
        setattr(owner, name, value)
    try:
        started = time.process_time()
        for doc in edunews_nlp.extract_many(texts):
            timed("output: to_dict", article_record)(doc, "x", 0)
        total = time.process_time() - started
    finally:
        for owner, name, value in saved:
            setattr(owner, name, value)
    if lang == "en":
        spent["segment: model"] = spent["segment"] - spent["segment: our conversion"]
    else:
        spent["segment: our conversion"] = spent["segment"] - spent["segment: model"]
    return dict(spent), total


def function_profile(texts: list[str], lang: str, top: int, html: str | None, repeat: int) -> None:
    """py-spy (sampling, low overhead, sees time in native code under its Python caller)
    when it is installed; pyinstrument otherwise."""
    import shutil

    spy = shutil.which("py-spy") or str(pathlib.Path(sys.executable).with_name("py-spy"))
    if pathlib.Path(spy).exists() and not html:
        import subprocess
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            raw = pathlib.Path(tmp) / "stacks.txt"
            command = [spy, "record", "--rate", "200", "--format", "raw", "--output", str(raw), "--",
                       sys.executable, __file__, "--workload", "--lang", lang, "--repeat", str(repeat)]
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode == 0 and raw.exists():
                print_stack_table(raw.read_text(encoding="utf-8"), top)
                return
            print(f"py-spy failed ({done.stderr.strip()[-300:]}); using pyinstrument", file=sys.stderr)
    import edunews_nlp
    from pyinstrument import Profiler

    edunews_nlp.extract(WARM_UP[lang])
    profiler = Profiler(interval=0.001)
    profiler.start()
    for _ in edunews_nlp.extract_many(texts):
        pass
    profiler.stop()
    if html:
        pathlib.Path(html).write_text(profiler.output_html(), encoding="utf-8")
    print(profiler.output_text(unicode=True, show_all=False))  # pyinstrument's call tree (top: py-spy only)


def workload(lang: str, repeat: int) -> None:
    import edunews_nlp

    edunews_nlp.extract(WARM_UP[lang])
    texts = (english_texts() if lang == "en" else russian_texts()) * repeat
    for _ in _profiled_run(edunews_nlp.extract_many(texts)):
        pass


def _profiled_run(docs):
    """Marks the profiled part of the workload in the stacks (the warm-up is left out)."""
    yield from docs


_FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")
_MODEL_PATHS = ("spacy/", "thinc/", "natasha/", "slovnet/", "razdel/", "navec/")


def print_stack_table(raw: str, top: int) -> None:
    """py-spy's collapsed stacks, summed per edunews_nlp function: inclusive share, and own
    share (the innermost edunews_nlp frame, with the non-model libraries it calls)."""
    inclusive: collections.Counter = collections.Counter()
    own: collections.Counter = collections.Counter()
    total = model = 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or "_profiled_run" not in stack:
            continue
        frames, n = stack.split(";"), int(count)
        total += n
        names = []
        for frame in frames:
            m = _FRAME.match(frame)
            if m and "edunews_nlp/" in m["file"]:
                names.append(f'{m["file"].split("edunews_nlp/")[-1]}:{m["func"]}')
        in_model = any(p in frame for frame in frames for p in _MODEL_PATHS) and \
            not any("_collect" in frame for frame in frames)
        model += n if in_model else 0
        for name in set(names):
            inclusive[name] += n
        if names and not in_model:
            own[names[-1]] += n
    total = total or 1
    print(f"\npy-spy: {total} samples; in the models (spaCy/thinc, natasha/slovnet/razdel): "
          f"{100 * model / total:.1f}%")
    print(f"\n{'function (edunews_nlp), inclusive':64} {'share':>7}")
    for name, n in inclusive.most_common(top):
        print(f"{name:64} {100 * n / total:6.1f}%")
    print(f"\n{'function (edunews_nlp), own + non-model callees':64} {'share':>7}")
    for name, n in own.most_common(top):
        print(f"{name:64} {100 * n / total:6.1f}%")


def load_profile(lang: str, top: int) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    import edunews_nlp

    edunews_nlp.extract(WARM_UP[lang])
    profiler.stop()
    print(profiler.output_text(unicode=False, color=False, show_all=False))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "ru"), default="en")
    parser.add_argument("--repeat", type=int, default=3, help="times the unique texts are run (default 3)")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--html", help="also write pyinstrument's HTML report here")
    parser.add_argument("--load", action="store_true", help="profile import + model loading instead")
    parser.add_argument("--stages-only", action="store_true")
    parser.add_argument("--workload", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.workload:
        workload(args.lang, args.repeat)
        return
    if args.load:
        load_profile(args.lang, args.top)
        return
    unique = english_texts() if args.lang == "en" else russian_texts()
    texts = unique * args.repeat
    chars = sum(map(len, texts))
    spent, total = stage_cpu(texts, args.lang)
    print(f"{args.lang}: {len(texts)} texts, {chars:,} chars; CPU {total:.2f} s "
          f"({chars / total:,.0f} chars per CPU second)")
    print(f"{'stage':28} {'CPU s':>8} {'share':>7}")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        if name == "segment":
            continue
        print(f"{name:28} {seconds:8.2f} {100 * seconds / total:6.1f}%")
    rest = total - sum(v for k, v in spent.items() if not k.startswith("segment:"))
    print(f"{'(pipeline glue, rest)':28} {rest:8.2f} {100 * rest / total:6.1f}%")
    if not args.stages_only:
        function_profile(texts, args.lang, args.top, args.html, args.repeat)


if __name__ == "__main__":
    main()
