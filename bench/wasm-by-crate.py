"""Sums a twiggy `top` CSV by crate: where the widget's wasm bytes come from.
Usage: python3 bench/wasm-by-crate.py top.csv [rows]"""
import collections
import csv
import re
import sys

sizes = collections.Counter()
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    name, size = row["Name"], int(row["ShallowSize"])
    if "subsection" in name:  # the name sections twiggy needs; the shipped wasm has none
        continue
    if name.startswith("data segment"):
        crate = "(data: strings, tables, the compiled-in texts)"
    else:
        # Generic code is counted where it is instantiated's outermost path: `<T as a::B>` → a.
        path = re.sub(r"^[<&]+|mut |dyn ", "", name)
        # `<T as tachys::view::Render>::build` belongs to the trait's crate.
        path = re.sub(r"^[A-Z][A-Za-z0-9_]*(<.*?>)? as ", "", path)
        match = re.match(r"([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::", path)
        crate = match.group(1) if match else "(glue: shims, imports, tables)"
    sizes[crate] += size

total = sum(sizes.values())
print(f"| crate | bytes | share |\n|---|---|---|")
for crate, size in sizes.most_common(int(sys.argv[2]) if len(sys.argv) > 2 else 15):
    print(f"| {crate} | {size:,} | {100 * size / total:.1f}% |")
print(f"| all | {total:,} | |")
