"""Where the full pipeline spends its time beyond the bare models. Run on demand:

    .venv/bin/python benchmarks/profile_pipeline.py [--lang en|ru] [--repeat 3] [--top 25] [--html OUT.html]

Two views, both after a warm-up (models loaded, caches of the first document filled):

1. CPU seconds per stage (time.process_time, so other jobs on the machine do not inflate
   it), with the segment stage split into the model call (spaCy `nlp.pipe` / natasha
   `segment` + `tag_ner`) and our own conversion of its output.
2. pyinstrument's call tree, summed per function of edunews_nlp: inclusive seconds (with
   what it calls) and self seconds (its own lines), each as a share of the run.

The same texts as benchmarks/pipeline_bench.py (dev en_* articles; corpora + dev ru_*).
It also profiles import + model loading (--load).
"""

from __future__ import annotations

import argparse
import collections
import functools
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from bench_data import english_texts, russian_texts  # noqa: E402

WARM_UP = {"en": "The akimat of Almaty opened 3 new schools with 1,500 places for 2.5 billion tenge in 2024.",
           "ru": "В Шымкенте построили 3 новых школы на 2 500 мест, выделено 3,5 млрд тенге в 2024 году."}


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
    from natasha import Doc as NatashaDoc

    patches.append((NatashaDoc, "segment", timed("segment: model", NatashaDoc.segment)))
    patches.append((NatashaDoc, "tag_ner", timed("segment: model", NatashaDoc.tag_ner)))
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


def function_profile(texts: list[str], lang: str, top: int, html: str | None) -> None:
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
    print_function_table(profiler.last_session.root_frame(), top)


def print_function_table(root, top: int) -> None:
    inclusive: dict[str, float] = collections.defaultdict(float)
    own: dict[str, float] = collections.defaultdict(float)

    def name_of(frame) -> str | None:
        path = (frame.file_path or "").replace("\\", "/")
        if "/edunews_nlp/" not in path:
            return None
        return f"{path.rsplit('/edunews_nlp/', 1)[1]}:{frame.function}"

    def walk(frame, active: frozenset, owner: str | None) -> None:
        name = name_of(frame)
        if name is not None and name not in active:
            inclusive[name] += frame.time
            active = active | {name}
        if name is not None:
            owner = name
        # Self time of library frames (regex, yaml, spaCy, ...) counts for the edunews
        # function that called them, unless that function is a model call we do not own.
        if owner is not None:
            own[owner] += frame.total_self_time
        for child in frame.children:
            walk(child, active, owner)

    walk(root, frozenset(), None)
    total = root.time or 1.0
    print(f"\n{'function (edunews_nlp)':58} {'incl s':>8} {'incl %':>7}")
    for name, seconds in sorted(inclusive.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{name:58} {seconds:8.2f} {100 * seconds / total:6.1f}%")
    print(f"\n{'function (own lines + non-edunews callees)':58} {'self s':>8} {'self %':>7}")
    for name, seconds in sorted(own.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{name:58} {seconds:8.2f} {100 * seconds / total:6.1f}%")
    print(f"\nprofiled wall time {total:.2f} s")


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
    args = parser.parse_args(argv)
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
        function_profile(texts, args.lang, args.top, args.html)


if __name__ == "__main__":
    main()
