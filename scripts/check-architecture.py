#!/usr/bin/env python3
"""Checks that each crate's modules import one way, as ARCHITECTURE.md's layer lists say.

For the widget (src/), the domain (core/src) and the server (server/src): a module may import
only modules on a lower layer, and every top-level module must be on its crate's list. Since
every import points down, there can be no cycle; the check says so too. The crate root (main.rs,
lib.rs) assembles the modules and is not on a list; code inside a crate names the module that
defines a thing, not the root's re-export of it.

  scripts/check-architecture.py              check every crate against ARCHITECTURE.md
  scripts/check-architecture.py --self-test  show that the check fails on imports planted against
                                             the rule in each crate (an upward import, a cycle,
                                             an unlisted module) and passes on the tree as it is
"""
import os
import re
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARCHITECTURE = os.path.join(ROOT, "ARCHITECTURE.md")
# crate folder -> the marker of its layer list in ARCHITECTURE.md
CRATES = {"src": "layers", "core/src": "layers core", "server/src": "layers server"}
ROOT_FILES = {"main", "lib"}
REFERENCE = re.compile(r"\bcrate::([A-Za-z_][A-Za-z0-9_]*)")
GROUP = re.compile(r"\buse\s+crate::\{([^}]*)\}", re.S)
LAYER_LINE = re.compile(r"^\s*(\d+)\.\s+(.*?)\s+—")


def layers(architecture, marker):
    """Module name -> layer number, from the list between the crate's layer markers."""
    text = open(architecture, encoding="utf-8").read()
    start, end = f"<!-- {marker}: start -->", f"<!-- {marker}: end -->"
    if start not in text or end not in text:
        return None
    block = text.split(start)[1].split(end)[0]
    found = {}
    for line in block.splitlines():
        match = LAYER_LINE.match(line)
        if match:
            for name in re.findall(r"`([a-z_][a-z0-9_]*)`", match.group(2)):
                found[name] = int(match.group(1))
    return found


def module_of(path, src):
    top = os.path.relpath(path, src).split(os.sep)[0]
    return top[:-3] if top.endswith(".rs") else top


def imports(src):
    """Top-level module -> {(imported name, file)} for every `crate::` reference in code."""
    edges = {}
    for root, _, files in os.walk(src):
        for name in sorted(files):
            if not name.endswith(".rs"):
                continue
            path = os.path.join(root, name)
            module = module_of(path, src)
            if module in ROOT_FILES:
                continue
            code = re.sub(r"//[^\n]*", "", open(path, encoding="utf-8").read())
            targets = set(REFERENCE.findall(code))
            for group in GROUP.findall(code):
                targets |= {p.strip().split("::")[0] for p in group.split(",") if p.strip()}
            edges.setdefault(module, set())
            for target in targets - {module, "self", "super"}:
                edges[module].add((target, os.path.relpath(path, src)))
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


def problems(src, architecture, marker, crate):
    rule = layers(architecture, marker)
    if rule is None:
        return [f"ARCHITECTURE.md has no layer list for {crate}/ (<!-- {marker}: start -->)"]
    edges = imports(src)
    found = []
    for module in sorted(edges):
        if module not in rule:
            found.append(f"{crate}/{module}: not on ARCHITECTURE.md's layer list")
            continue
        for target, file in sorted(edges[module]):
            path = f"{crate}/{file}"
            if target[0].isupper():
                found.append(f"{path}: uses the crate root's `{target}`; name the module that defines it")
            elif target not in rule:
                found.append(f"{path}: imports `{target}`, which is not on the layer list")
            elif rule[target] <= rule[module]:
                found.append(
                    f"{path}: `{module}` (layer {rule[module]}) imports `{target}` "
                    f"(layer {rule[target]}); a module imports only lower layers"
                )
    for cycle in cycles(edges):
        found.append("import cycle: " + " -> ".join(cycle))
    return found


def check(root, architecture):
    found = []
    for crate, marker in CRATES.items():
        found += problems(os.path.join(root, crate), architecture, marker, crate)
    for line in found:
        print(line)
    print(f"architecture: {len(found)} problem(s) in {', '.join(c + '/' for c in CRATES)}")
    return not found


def module_file(src, module):
    """The file that holds a module's own code: `x.rs` or `x/mod.rs`."""
    flat = os.path.join(src, module + ".rs")
    return flat if os.path.exists(flat) else os.path.join(src, module, "mod.rs")


def plants(src, marker):
    """Imports against the rule, made from the crate's own list and edges, with what catches each."""
    rule = layers(ARCHITECTURE, marker)
    edges = {m: sorted(t for t, _ in ts if t in rule) for m, ts in imports(src).items()}
    top = min(rule, key=rule.get)
    bottom = max(rule, key=rule.get)
    importer = next(m for m in sorted(edges, key=rule.get) if edges[m])
    imported = edges[importer][0]
    return {
        f"an upward import ({bottom} uses {top})": (module_file(src, bottom), f"use crate::{top};\n", f"`{bottom}` (layer"),
        f"a cycle ({imported} uses {importer}, which uses {imported})": (
            module_file(src, imported), f"use crate::{importer};\n", "import cycle"),
        "a module missing from the list": (os.path.join(src, "extra.rs"), f"use crate::{bottom};\n", "not on ARCHITECTURE.md"),
    }


def self_test():
    ok = True
    for crate, marker in CRATES.items():
        real = os.path.join(ROOT, crate)
        clean = not problems(real, ARCHITECTURE, marker, crate)
        print(f"self-test {crate}/: the tree as it is passes: {clean}")
        ok = ok and clean
        for what, (file, line, expected) in plants(real, marker).items():
            with tempfile.TemporaryDirectory() as temp:
                src = os.path.join(temp, "src")
                shutil.copytree(real, src)
                path = os.path.join(src, os.path.relpath(file, real))
                before = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
                open(path, "w", encoding="utf-8").write(line + before)
                caught = [p for p in problems(src, ARCHITECTURE, marker, crate) if expected in p]
                print(f"self-test {crate}/: {what}: {'caught: ' + caught[0] if caught else 'MISSED'}")
                ok = ok and bool(caught)
    return ok


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(0 if self_test() else 1)
    sys.exit(0 if check(ROOT, ARCHITECTURE) else 1)
