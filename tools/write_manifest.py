#!/usr/bin/env python3
"""Writes manifest.json (file sizes the loader's progress bar needs) and gzip/brotli copies
of the compressible static files, so the server sends compressed bytes without compressing
on every request. Reports the crm.wasm + crm.js size budget.
Usage: write_manifest.py WWW_DIR
"""
import gzip
import json
import os
import shutil
import subprocess
import sys

COMPRESSIBLE = (".wasm", ".js", ".css", ".html", ".json", ".svg", ".txt", ".ttf")
BUDGET_BYTES = 1_500_000  # compressed crm.wasm + crm.js


def main():
    www = sys.argv[1]
    sizes = {}
    for name in sorted(os.listdir(www)):
        path = os.path.join(www, name)
        if not os.path.isfile(path) or name.endswith((".gz", ".br")) or name == "manifest.json":
            continue
        sizes[name] = os.path.getsize(path)
        if name.endswith(COMPRESSIBLE):
            with open(path, "rb") as src, gzip.open(path + ".gz", "wb", compresslevel=9) as dst:
                shutil.copyfileobj(src, dst)
            if shutil.which("brotli"):
                subprocess.run(["brotli", "-f", "-q", "11", "-o", path + ".br", path], check=True)
    with open(os.path.join(www, "manifest.json"), "w") as f:
        json.dump({"sizes": sizes}, f, indent=1)
    compressed = 0
    for name in ("crm.wasm", "crm.js"):
        best = min((os.path.getsize(os.path.join(www, name + ext))
                    for ext in (".br", ".gz") if os.path.exists(os.path.join(www, name + ext))),
                   default=sizes.get(name, 0))
        compressed += best
    status = "within" if compressed <= BUDGET_BYTES else "OVER"
    print(f"size budget: crm.wasm + crm.js = {sizes.get('crm.wasm', 0) + sizes.get('crm.js', 0)} bytes, "
          f"{compressed} compressed ({status} the {BUDGET_BYTES} byte budget)")


if __name__ == "__main__":
    main()
