#!/usr/bin/env python3
"""Checks that the widget's modules (src/) import one way, as ARCHITECTURE.md's layer list says.

A module may import only modules on a lower layer; every top-level module of src/ must be on the
list. Since every import points down, there can be no cycle; the check says so too.

  scripts/check-architecture.py              check src/ against ARCHITECTURE.md
  scripts/check-architecture.py --self-test  show that the check fails on imports planted against
                                             the rule (an upward import, a cycle, an unlisted
                                             module) and passes on the tree as it is
"""
import os
import re
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REFERENCE = re.compile(r"\bcrate::([a-z_][a-z0-9_]*)")
GROUP = re.compile(r"\buse\s+crate::\{([^}]*)\}", re.S)
LAYER_LINE = re.compile(r"^\s*(\d+)\.\s+(.*?)\s+—")


def layers(architecture):
    """Module name -> layer number, from the list between the layer markers."""
    text = open(architecture, encoding="utf-8").read()
    block = text.split("<!-- layers: start -->")[1].split("<!-- layers: end -->")[0]
    found = {}
    for line in block.splitlines():
        match = LAYER_LINE.match(line)
        if match:
            for name in re.findall(r"`([a-z_][a-z0-9_]*)`", match.group(2)):
                found[name] = int(match.group(1))
    return found


def imports(src):
    """Top-level module -> {(imported module, file)} for every `crate::` reference in code."""
    edges = {}
    for root, _, files in os.walk(src):
        for name in sorted(files):
            if not name.endswith(".rs"):
                continue
            path = os.path.join(root, name)
            top = os.path.relpath(path, src).split(os.sep)[0]
            module = top[:-3] if top.endswith(".rs") else top
            if module == "main":
                continue
            code = re.sub(r"//[^\n]*", "", open(path, encoding="utf-8").read())
            targets = set(REFERENCE.findall(code))
            for group in GROUP.findall(code):
                targets |= {p.strip().split("::")[0] for p in group.split(",") if p.strip()}
            edges.setdefault(module, set())
            for target in targets - {module, "self", "super"}:
                edges[module].add((target, os.path.relpath(path, os.path.dirname(src))))
    return edges


def cycles(edges):
    graph = {m: {t for t, _ in ts} for m, ts in edges.items()}
    found, state = [], {}

    def visit(node, path):
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def problems(src, architecture):
    rule = layers(architecture)
    edges = imports(src)
    found = []
    for module in sorted(edges):
        if module not in rule:
            found.append(f"src/{module}: not on ARCHITECTURE.md's layer list")
            continue
        for target, path in sorted(edges[module]):
            if target not in rule:
                found.append(f"{path}: imports `{target}`, which is not on the layer list")
            elif rule[target] <= rule[module]:
                found.append(
                    f"{path}: `{module}` (layer {rule[module]}) imports `{target}` "
                    f"(layer {rule[target]}); a module imports only lower layers"
                )
    for cycle in cycles(edges):
        found.append("import cycle: " + " -> ".join(cycle))
    return found


def check(src, architecture):
    found = problems(src, architecture)
    for line in found:
        print(line)
    print(f"architecture: {len(found)} problem(s)")
    return not found


def self_test():
    architecture = os.path.join(ROOT, "ARCHITECTURE.md")
    plants = {
        "an upward import (ui uses the wizard)": ("ui.rs", "use crate::wizard::Wizard;\n", "`ui` (layer"),
        "a cycle (web uses i18n, which uses web)": ("web/fetch.rs", "use crate::i18n::I18n;\n", "import cycle"),
        "a module missing from the list": ("extra.rs", "use crate::web::fetch;\n", "not on ARCHITECTURE.md"),
    }
    ok = not problems(os.path.join(ROOT, "src"), architecture)
    print(f"self-test: the tree as it is passes: {ok}")
    for what, (file, line, expected) in plants.items():
        with tempfile.TemporaryDirectory() as temp:
            src = os.path.join(temp, "src")
            shutil.copytree(os.path.join(ROOT, "src"), src)
            path = os.path.join(src, file)
            before = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
            open(path, "w", encoding="utf-8").write(line + before)
            found = problems(src, architecture)
            caught = [p for p in found if expected in p]
            print(f"self-test: {what}: {'caught: ' + caught[0] if caught else 'MISSED'}")
            ok = ok and caught
    return ok


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(0 if self_test() else 1)
    sys.exit(0 if check(os.path.join(ROOT, "src"), os.path.join(ROOT, "ARCHITECTURE.md")) else 1)
