#!/usr/bin/env python3
"""Proves the Dockerfile builds without a Docker engine.

The build stage is replayed in an empty directory: only what its COPY instructions take from the build context
(minus .dockerignore) is copied in, and its RUN instructions run there, with the stage's absolute paths mapped
into the directory. A file the build needs but the Dockerfile does not copy makes the restore or the publish fail
here, as it would in `docker build`. The runtime stage is then checked for what a shell-less, non-root image
needs: no RUN, a numeric non-root USER, and an exec-form ENTRYPOINT whose assembly the build produced.

Usage: scripts/check-dockerfile.py [--keep]   (exit 0 when the image would build, 1 when not)
"""
import fnmatch
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def instructions(path):
    """The Dockerfile's instructions as (keyword, text), continuation lines joined, comments dropped."""
    joined, pending = [], ""
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if not pending and (not line.strip() or line.lstrip().startswith("#")):
                continue
            if line.endswith("\\"):
                pending += line[:-1] + " "
                continue
            joined.append(pending + line)
            pending = ""
    for text in joined:
        keyword, _, rest = text.strip().partition(" ")
        yield keyword.upper(), rest.strip()


def ignore_patterns():
    path = os.path.join(ROOT, ".dockerignore")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


def ignored(relative, patterns):
    parts = relative.split("/")
    for pattern in patterns:
        directory = pattern.endswith("/")
        pattern = pattern.rstrip("/")
        if pattern.startswith("**/"):
            name = pattern[3:]
            candidates = parts if directory else parts[-1:]
            if any(fnmatch.fnmatch(part, name) for part in (parts[:-1] if directory else candidates)):
                return True
            if not directory and fnmatch.fnmatch(parts[-1], name):
                return True
        elif directory:
            if relative.startswith(pattern + "/"):
                return True
        elif fnmatch.fnmatch(relative, pattern) or relative.startswith(pattern + "/"):
            return True
    return False


def copy_into(sources, destination, stage_root, workdir, patterns):
    target = os.path.join(stage_root, (destination if destination.startswith("/") else os.path.join(workdir, destination)).lstrip("/"))
    many = len(sources) > 1 or destination.endswith("/")
    for source in sources:
        origin = os.path.join(ROOT, source)
        if not os.path.exists(origin):
            raise SystemExit(f"COPY {source}: no such file in the build context")
        if os.path.isdir(origin):
            for folder, _, files in os.walk(origin):
                for name in files:
                    full = os.path.join(folder, name)
                    relative = os.path.relpath(full, ROOT).replace(os.sep, "/")
                    if ignored(relative, patterns):
                        continue
                    inside = os.path.relpath(full, origin)
                    os.makedirs(os.path.dirname(os.path.join(target, inside)), exist_ok=True)
                    shutil.copy2(full, os.path.join(target, inside))
        else:
            if ignored(source, patterns):
                raise SystemExit(f"COPY {source}: excluded by .dockerignore, so docker build would not find it")
            path = os.path.join(target, os.path.basename(source)) if many else target
            os.makedirs(os.path.dirname(path), exist_ok=True)
            shutil.copy2(origin, path)


def main():
    keep = "--keep" in sys.argv[1:]
    stages, current = [], None
    for keyword, rest in instructions(os.path.join(ROOT, "Dockerfile")):
        if keyword == "FROM":
            current = {"from": rest, "steps": []}
            stages.append(current)
        elif current is not None:
            current["steps"].append((keyword, rest))
    if len(stages) != 2:
        raise SystemExit(f"expected a build stage and a runtime stage, found {len(stages)} FROM lines")
    build, runtime = stages
    build_name = build["from"].split()[-1]

    work = tempfile.mkdtemp(prefix="contactsync-dockerfile-")
    problems = []
    try:
        patterns = ignore_patterns()
        workdir = "/"
        for keyword, rest in build["steps"]:
            if keyword == "WORKDIR":
                workdir = rest if rest.startswith("/") else os.path.join(workdir, rest)
                os.makedirs(os.path.join(work, workdir.lstrip("/")), exist_ok=True)
            elif keyword == "COPY":
                if rest.startswith("--"):
                    raise SystemExit(f"build stage COPY with options is not replayed: COPY {rest}")
                words = shlex.split(rest)
                copy_into(words[:-1], words[-1], work, workdir, patterns)
            elif keyword == "RUN":
                words = [os.path.join(work, word.lstrip("/")) if word.startswith("/") else word for word in shlex.split(rest)]
                print(f"== RUN {rest}", flush=True)
                completed = subprocess.run(words, cwd=os.path.join(work, workdir.lstrip("/")), check=False)
                if completed.returncode != 0:
                    problems.append(f"RUN {rest} failed ({completed.returncode}) with only the files the Dockerfile copies")
                    break
            elif keyword not in ("ARG", "ENV", "LABEL"):
                problems.append(f"build stage instruction {keyword} is not replayed by this check")

        if "chiseled" not in runtime["from"]:
            problems.append(f"the runtime image {runtime['from']} is not a chiseled one")
        entrypoint, user = None, None
        for keyword, rest in runtime["steps"]:
            if keyword == "RUN":
                problems.append(f"runtime stage RUN {rest}: a chiseled image has no shell to run it")
            elif keyword == "USER":
                user = rest
            elif keyword == "ENTRYPOINT":
                entrypoint = rest
            elif keyword == "COPY" and rest.startswith(f"--from={build_name} "):
                source = shlex.split(rest)[1]
                if not os.path.isdir(os.path.join(work, source.lstrip("/"))):
                    problems.append(f"COPY {rest}: the build stage produced no {source}")
        if user not in ("$APP_UID", "${APP_UID}") and not (user or "").isdigit():
            problems.append(f"USER {user}: give the non-root user by number (or $APP_UID) so runAsNonRoot can verify it")
        if user in ("0", "root"):
            problems.append("USER is root")
        if not entrypoint or not entrypoint.startswith("["):
            problems.append("ENTRYPOINT must use the exec form: there is no shell in the image")
        else:
            words = [word.strip(' "') for word in entrypoint.strip("[]").split(",")]
            dll = next((word for word in words if word.endswith(".dll")), None)
            published = os.path.join(work, "app", dll) if dll else None
            if not published or not os.path.exists(published):
                problems.append(f"ENTRYPOINT runs {dll}, which the published output does not hold")
    finally:
        if keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    for problem in problems:
        print(f"Dockerfile: {problem}", file=sys.stderr)
    if not problems:
        print("Dockerfile: the build stage restores and publishes from exactly what it copies; the runtime stage is chiseled, non-root and shell-free")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
