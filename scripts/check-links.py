#!/usr/bin/env python3
"""Checks the relative links of every tracked Markdown file.

Every link or image whose target has no scheme (not http:, https:, mailto:, ...) must name a file or directory that
exists, relative to the file holding the link (or to the repository's root when it starts with '/'), and a '#anchor'
into a Markdown file (the same one or another) must be the GitHub-style slug of one of its headings, or an explicit
<a id="..."> / <a name="...">. Links inside fenced code blocks and inline code spans are not links and are skipped.

Prints each broken link as `file:line: target (reason)` and exits 1 if there is one; otherwise prints one summary
line and exits 0. Standard library only, so CI needs nothing but python3 and git.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
EXPLICIT_ANCHOR = re.compile(r"<a\s[^>]*?\b(?:id|name)\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
# A code span: a run of backticks, the shortest text not crossing a blank line, the same run again.
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.DOTALL)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# The start of an inline link or image: [text]( with one level of brackets allowed inside the text.
LINK_START = re.compile(r"!?\[(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*\]\(", re.DOTALL)
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*(<[^>]*>|\S+)")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def blank(match: re.Match[str]) -> str:
    """The matched text with everything but its line breaks turned into spaces, so offsets and lines stay put."""
    return re.sub(r"[^\n]", " ", match.group(0))


def without_code(lines: list[str]) -> list[str]:
    """The lines with fenced code blocks emptied (the fences too); line numbers are unchanged."""
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        match = FENCE.match(line)
        if fence is None:
            if match:
                fence = match.group(1)
                out.append("")
                continue
            out.append(line)
        else:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and line.strip() == match.group(1):
                fence = None
            out.append("")
    return out


def heading_text(raw: str) -> str:
    """What GitHub renders of a heading's Markdown, near enough for its slug."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", raw)  # images: their alt text
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links: their text
    text = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", text)  # reference links: their text
    text = re.sub(r"<[^>]+>", "", text)  # inline HTML
    return text.replace("`", "")


def slug(text: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped (but '-' and '_'), each space a '-'."""
    kept = []
    for char in text.strip().lower():
        if char in " -_" or char.isalnum() or unicodedata.category(char).startswith("M"):
            kept.append(char)
    return "".join(kept).replace(" ", "-")


def anchors_of(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    """Every anchor a Markdown file offers: its headings' slugs (repeats numbered as GitHub does) and explicit ids."""
    if path in cache:
        return cache[path]
    lines = without_code(path.read_text(encoding="utf-8").splitlines())
    anchors: set[str] = set()
    seen: dict[str, int] = {}

    def add(text: str) -> None:
        base = slug(heading_text(text))
        count = seen.get(base, 0)
        seen[base] = count + 1
        anchors.add(base if count == 0 else f"{base}-{count}")

    for index, line in enumerate(lines):
        anchors.update(EXPLICIT_ANCHOR.findall(line))
        atx = ATX_HEADING.match(line)
        if atx:
            add(atx.group(2) or "")
            continue
        setext = SETEXT_UNDERLINE.match(line)
        if setext and index > 0:
            previous = lines[index - 1]
            if previous.strip() and not ATX_HEADING.match(previous) and not SETEXT_UNDERLINE.match(previous) \
                    and "|" not in previous and not re.match(r"^\s*([-*+]|\d+[.)])\s", previous):
                add(previous.strip())
    cache[path] = anchors
    return anchors


def destination(text: str, start: int) -> str | None:
    """The link destination beginning at text[start] (just after '('): <...>, or up to a space or unbalanced ')'."""
    position = start
    while position < len(text) and text[position] in " \t\n":
        position += 1
    if position < len(text) and text[position] == "<":
        end = text.find(">", position + 1)
        return None if end < 0 else text[position + 1:end]
    depth = 0
    out = []
    while position < len(text):
        char = text[position]
        if char == "\\" and position + 1 < len(text):
            out.append(text[position + 1])
            position += 2
            continue
        if char in " \t\n":
            break
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        out.append(char)
        position += 1
    return "".join(out)


def links_in(path: Path) -> list[tuple[int, str]]:
    """(line, target) of every link, image and reference definition outside code."""
    lines = without_code(path.read_text(encoding="utf-8").splitlines())
    text = "\n".join(lines)
    text = HTML_COMMENT.sub(blank, text)
    text = CODE_SPAN.sub(blank, text)
    found: list[tuple[int, str]] = []
    for match in LINK_START.finditer(text):
        target = destination(text, match.end())
        if target is not None:
            found.append((text.count("\n", 0, match.start()) + 1, target))
    for number, line in enumerate(text.split("\n"), start=1):
        definition = REFERENCE_DEFINITION.match(line)
        if definition:
            found.append((number, definition.group(1).strip("<>")))
    return sorted(found)


def check(path: Path, cache: dict[Path, set[str]]) -> tuple[int, list[str]]:
    """How many relative links the file has, and a line for each broken one."""
    problems: list[str] = []
    checked = 0
    shown = path.relative_to(ROOT).as_posix()
    for line, target in links_in(path):
        if not target or SCHEME.match(target):
            continue
        checked += 1
        file_part, _, anchor = target.partition("#")
        file_part = unquote(file_part.split("?", 1)[0])
        if not file_part:
            resolved = path
        elif file_part.startswith("/"):
            resolved = ROOT / file_part.lstrip("/")
        else:
            resolved = path.parent / file_part
        if not resolved.exists():
            problems.append(f"{shown}:{line}: {target} (no such file or directory)")
            continue
        if not anchor:
            continue
        if resolved.is_dir():
            readme = resolved / "README.md"
            if not readme.is_file():
                problems.append(f"{shown}:{line}: {target} (an anchor into a directory without a README.md)")
                continue
            resolved = readme
        if resolved.suffix.lower() != ".md":
            continue  # an anchor into code (#L10) or another format is not a heading
        if unquote(anchor) not in anchors_of(resolved.resolve(), cache):
            where = "this file" if resolved.resolve() == path.resolve() else resolved.resolve().relative_to(ROOT).as_posix()
            problems.append(f"{shown}:{line}: {target} (no heading with the anchor #{unquote(anchor)} in {where})")
    return checked, problems


def main() -> int:
    listed = subprocess.run(["git", "ls-files", "-z", "--", "*.md"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    files = [ROOT / name for name in listed.split("\0") if name and (ROOT / name).is_file()]
    cache: dict[Path, set[str]] = {}
    total = 0
    problems: list[str] = []
    for path in files:
        checked, found = check(path, cache)
        total += checked
        problems.extend(found)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} broken of {total} relative links in {len(files)} Markdown files", file=sys.stderr)
        return 1
    print(f"links: {total} relative links in {len(files)} Markdown files all resolve")
    return 0


if __name__ == "__main__":
    sys.exit(main())
