#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest as flatpak-builder reads it (offline).

usage: check-flatpak-manifest.py FLATPAK-BUILDER MANIFEST
"""
import json
import re
import os
import subprocess
import sys
import tempfile

EXPECTED = {
    "id": "io.github.qiaoapp.Qiao",
    "runtime": "org.gnome.Platform",
    "runtime-version": "50",
    "sdk": "org.gnome.Sdk",
    "command": "qiao",
}
# Issue 12: the network only to reach an office server, and the keyring
# for its passwords.
FINISH_ARGS = ["--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri",
               "--share=network", "--talk-name=org.freedesktop.secrets"]
# The GNOME runtime has no libpq: it is built from PostgreSQL 15's source.
LIBPQ_URL = re.compile(r"^https://ftp\.postgresql\.org/pub/source/v15\.\d+/postgresql-15\.\d+\.tar\.bz2$")
# Issue 15: nor libxlsxwriter, for Excel workbooks: a release tarball, pinned.
XLSX_URL = re.compile(r"^https://github\.com/jmcnamara/libxlsxwriter/archive/refs/tags/"
                      r"(RELEASE_|v)\d+\.\d+\.\d+\.tar\.gz$")


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    builder, manifest = argv[1], os.path.abspath(argv[2])
    # flatpak-builder leaves a .flatpak-builder folder in its working directory.
    with tempfile.TemporaryDirectory() as cwd:
        run = subprocess.run([builder, "--show-manifest", manifest],
                             capture_output=True, text=True, cwd=cwd,
                             env=dict(os.environ, LC_ALL="C.UTF-8"))
    problems = []
    if run.returncode != 0:
        problems.append(f"flatpak-builder --show-manifest exited with {run.returncode}")
    for line in run.stderr.splitlines():
        if line.strip():
            problems.append(f"flatpak-builder said: {line.strip()}")
    try:
        m = json.loads(run.stdout)
    except json.JSONDecodeError as e:
        problems.append(f"the manifest as shown is not JSON: {e}")
        m = {}

    for key, want in EXPECTED.items():
        if m.get(key) != want:
            problems.append(f"“{key}” is {m.get(key)!r}, expected {want!r}")
    if m.get("finish-args") != FINISH_ARGS:
        problems.append(f"“finish-args” is {m.get('finish-args')!r}, expected exactly {FINISH_ARGS!r}")

    modules = m.get("modules", [])
    qiao = [mod for mod in modules if isinstance(mod, dict) and mod.get("name") == "qiao"]
    if len(qiao) != 1:
        problems.append("there must be exactly one module named “qiao”")
    else:
        mod = qiao[0]
        if mod.get("buildsystem") != "meson":
            problems.append("the “qiao” module must be built with meson")
        if "-Dui_tests=false" not in mod.get("config-opts", []):
            problems.append("the “qiao” module must turn the UI tests off (-Dui_tests=false)")
        sources = mod.get("sources", [])
        if not any(s.get("type") == "dir" and s.get("path") == ".." for s in sources):
            problems.append("the “qiao” module must be built from this source tree (dir “..”)")

    names = [mod.get("name") for mod in modules if isinstance(mod, dict)]
    libpq = [mod for mod in modules if isinstance(mod, dict) and mod.get("name") == "libpq"]
    if len(libpq) != 1:
        problems.append("there must be exactly one module named “libpq”")
    else:
        if "qiao" in names and names.index("libpq") > names.index("qiao"):
            problems.append("the “libpq” module must come before “qiao”, which links to it")
        archives = [s for s in libpq[0].get("sources", []) if s.get("type") == "archive"]
        if len(archives) != 1 or not LIBPQ_URL.match(archives[0].get("url", "")):
            problems.append("the “libpq” module must be built from one PostgreSQL 15 source "
                            "tarball of ftp.postgresql.org")
        elif not re.fullmatch(r"[0-9a-f]{64}", archives[0].get("sha256", "")):
            problems.append("the PostgreSQL source tarball needs its sha256")

    xlsx = [mod for mod in modules if isinstance(mod, dict) and mod.get("name") == "libxlsxwriter"]
    if len(xlsx) != 1:
        problems.append("there must be exactly one module named “libxlsxwriter”")
    else:
        if "qiao" in names and names.index("libxlsxwriter") > names.index("qiao"):
            problems.append("the “libxlsxwriter” module must come before “qiao”, which links to it")
        archives = [s for s in xlsx[0].get("sources", []) if s.get("type") == "archive"]
        if len(archives) != 1 or not XLSX_URL.match(archives[0].get("url", "")):
            problems.append("the “libxlsxwriter” module must be built from one release tarball")
        elif not re.fullmatch(r"[0-9a-f]{64}", archives[0].get("sha256", "")):
            problems.append("the libxlsxwriter release tarball needs its sha256")

    for p in problems:
        print(f"{manifest}: {p}", file=sys.stderr)
    if not problems:
        print(f"{manifest}: OK")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
