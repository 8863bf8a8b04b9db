"""The largest modules and functions of src/edunews_nlp, for the shape issue's before/after:

    .venv/bin/python benchmarks/code_shape.py [--top 12]

Lines of a module: all its lines. Lines of a function: from its `def` to its last line
(nested functions count in their parent too). Also the number of `if lang ==`-style
comparisons of a language code in code (data files and registries replace them).
"""

from __future__ import annotations

import argparse
import ast
import pathlib

SRC = pathlib.Path(__file__).resolve().parents[1] / "src" / "edunews_nlp"
LANG_CODES = {"en", "ru", "kk"}


def _is_language_branch(node: ast.Compare) -> bool:
    """`lang == "ru"`, `doc.lang != "en"`, `lang in ("en", "ru")`."""
    names = [n for n in [node.left, *node.comparators] if isinstance(n, (ast.Name, ast.Attribute))]
    named_lang = any((n.id if isinstance(n, ast.Name) else n.attr).endswith("lang") for n in names)
    constants = [n.value for n in ast.walk(node) if isinstance(n, ast.Constant)]
    return named_lang and any(c in LANG_CODES for c in constants)


def measure(src: pathlib.Path = SRC):
    modules, functions, branches = [], [], {}
    for path in sorted(src.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(src.parent).as_posix()
        modules.append((len(text.splitlines()), name))
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                functions.append((node.end_lineno - node.lineno + 1, f"{name}:{node.name}"))
            elif isinstance(node, ast.Compare) and _is_language_branch(node):
                branches[name] = branches.get(name, 0) + 1
    return sorted(modules, reverse=True), sorted(functions, reverse=True), branches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    modules, functions, branches = measure()
    print(f"{len(modules)} modules, {sum(n for n, _ in modules)} lines; largest:")
    for lines, name in modules[:args.top]:
        print(f"  {lines:5d}  {name}")
    print("largest functions:")
    for lines, name in functions[:args.top]:
        print(f"  {lines:5d}  {name}")
    print(f"language-code comparisons in code: {sum(branches.values())}")
    for name, count in sorted(branches.items(), key=lambda item: -item[1]):
        print(f"  {count:5d}  {name}")


if __name__ == "__main__":
    main()
