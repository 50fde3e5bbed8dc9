#!/usr/bin/env python3
"""Subsets Debian's fonts to what the UI draws.

ui-latin.ttf: DejaVu Sans (fonts-dejavu-core), Latin-1, punctuation, arrows.
ui-cjk.ttf:   WenQuanYi Micro Hei (fonts-wqy-microhei), the CJK characters found in the
              given text files (demo word lists, later the translation table), plus
              full-width punctuation.
Usage: subset_fonts.py OUT_DIR TEXT_FILE...
"""
import os
import subprocess
import sys

LATIN = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CJK = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def main():
    out_dir, sources = sys.argv[1], sys.argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    chars = set()
    for path in sources:
        with open(path, encoding="utf-8") as f:
            chars.update(c for c in f.read() if ord(c) > 0x2E7F)
    chars.update(chr(c) for c in range(0x3000, 0x3020))  # CJK punctuation
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
    text_file = os.path.join(out_dir, "cjk-chars.txt")
    with open(text_file, "w", encoding="utf-8") as f:
        f.write("".join(sorted(chars)))
    common = [sys.executable, "-m", "fontTools.subset", "--no-hinting", "--desubroutinize", "--layout-features=", "--name-IDs=",
              "--notdef-outline"]
    subprocess.run(common + [LATIN, "--unicodes=U+0020-007E,U+00A0-00FF,U+2010-2027,U+2030-203A,U+2190-2193,U+25B2-25BC",
                             "--output-file=" + os.path.join(out_dir, "ui-latin.ttf")], check=True)
    subprocess.run(common + [CJK, "--font-number=0", "--text-file=" + text_file,
                             "--output-file=" + os.path.join(out_dir, "ui-cjk.ttf")], check=True)


if __name__ == "__main__":
    main()
