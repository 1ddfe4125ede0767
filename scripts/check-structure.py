#!/usr/bin/env python3
"""The shape the code is kept in (docs/how-it-works.md): no source file over 400 lines, no folder of Core over 20 files,
and no import cycle between Core's folders. A folder imports another when one of its files names that folder's
namespace (a using, or a name qualified by it). Prints what breaks a rule and exits 1, else a one-line summary."""
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

MAX_LINES = 400
MAX_FILES = 20
CORE = Path("src/ContactSync.Core")

def tracked(pattern):
    out = subprocess.run(["git", "ls-files", pattern], capture_output=True, text=True, check=True).stdout
    return [Path(line) for line in out.splitlines() if line]

def main():
    problems = []
    sources = [p for p in tracked("src/*.cs") if p.exists()]
    for path in sources:
        lines = sum(1 for _ in path.open(encoding="utf-8"))
        if lines > MAX_LINES:
            problems.append(f"{path}: {lines} lines (at most {MAX_LINES})")

    core = [p for p in sources if CORE in p.parents]
    per_folder = defaultdict(list)
    for path in core:
        per_folder[path.parent].append(path)
    for folder, files in sorted(per_folder.items()):
        if len(files) > MAX_FILES:
            problems.append(f"{folder}/: {len(files)} files (at most {MAX_FILES})")

    # A folder imports another when one of its files names a type declared there (a class, record, struct,
    # interface, enum or delegate) and can see it: through a using of that folder's namespace, a name qualified by it,
    # or because that namespace encloses its own. A name its own folder also declares is its own folder's.
    namespace_of = {folder: ".".join(("ContactSync.Core",) + folder.relative_to(CORE).parts) for folder in per_folder}
    declared = defaultdict(set)
    texts = {}
    for path in core:
        text = re.sub(r"//.*", "", path.read_text(encoding="utf-8"))
        texts[path] = text
        for name in re.findall(r"\b(?:class|record|struct|interface|enum|delegate\s+\S+)\s+([A-Z]\w*)", text):
            declared[path.parent].add(name)
    edges = defaultdict(set)
    for path in core:
        text, mine = texts[path], path.parent
        own_ns = namespace_of[mine]
        # A method's own name (a log message's, say) is not a use of a type that happens to share it.
        words = set(re.findall(r"\b[A-Z]\w*\b", re.sub(r"\bvoid\s+[A-Z]\w*", "", text)))
        for folder, ns in namespace_of.items():
            if folder == mine or folder == CORE:
                continue
            names = (declared[folder] - declared[mine]) & words
            if not names:
                continue
            short = ns[len("ContactSync.Core."):]
            visible = (re.search(rf"^using {re.escape(ns)};", text, re.M)
                       or own_ns.startswith(ns + ".")
                       or any(re.search(rf"\b(?:{re.escape(ns)}|{re.escape(short)})\.{n}\b", text) for n in names))
            if visible:
                edges[mine].add(folder)

    cycles = find_cycles(edges)
    for cycle in cycles:
        problems.append("import cycle: " + " -> ".join(str(f.relative_to(CORE)) for f in cycle + [cycle[0]]))

    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} structure problem(s)")
        return 1
    print(f"structure: {len(sources)} source files, {len(per_folder)} Core folders, no file over {MAX_LINES} lines, "
          f"no Core folder over {MAX_FILES} files, no import cycle")
    return 0

def find_cycles(edges):
    """Strongly connected components with more than one folder (Tarjan), each as one cycle through its members."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    sys.setrecursionlimit(10000)
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return result

if __name__ == "__main__":
    sys.exit(main())
