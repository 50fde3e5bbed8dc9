#!/usr/bin/env python3
"""Subsets Debian's fonts to what the UI draws.

ui-latin.ttf:      DejaVu Sans (fonts-dejavu-core), Latin-1, punctuation, arrows.
ui-cjk.ttf:        WenQuanYi Micro Hei (fonts-wqy-microhei), the CJK characters found in the
                   given text files (demo word lists, translations, literals in the sources),
                   plus CJK punctuation and full-width forms: embedded, drawn from the first frame.
ui-cjk-common.ttf: the same plus common Simplified Chinese (all 6,763 hanzi of GB2312), Japanese
                   kana and the 2,350 Hangul syllables of KS X 1001 (what Korean input methods
                   commit in everyday text): fetched after the first frame (app/platform/fonts_web.hpp).
Usage: subset_fonts.py OUT_DIR TEXT_FILE...
"""
import os
import subprocess
import sys

LATIN = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CJK = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def gb2312_hanzi():
    """GB2312's hanzi: rows 16-55 (level 1, by pinyin) and 56-87 (level 2, by radical)."""
    chars = set()
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # the five unassigned cells at the end of row 55
    return chars


def ks_x_1001_hangul():
    """KS X 1001's precomposed Hangul syllables: rows 16-40 of EUC-KR, the 2,350 in common use."""
    chars = set()
    for lead in range(0xB0, 0xC9):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode("euc-kr"))
            except UnicodeDecodeError:
                pass
    return chars


def write_chars(path, chars):
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(sorted(chars)))


def main():
    out_dir, sources = sys.argv[1], sys.argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    chars = set()
    for path in sources:
        with open(path, encoding="utf-8") as f:
            chars.update(c for c in f.read() if ord(c) > 0x2E7F)
    chars.update(chr(c) for c in range(0x3000, 0x3020))  # CJK punctuation
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
    startup_file = os.path.join(out_dir, "cjk-chars.txt")
    write_chars(startup_file, chars)
    common_file = os.path.join(out_dir, "cjk-common-chars.txt")
    kana = {chr(c) for c in range(0x3041, 0x3100)}  # hiragana and katakana
    jamo = {chr(c) for c in range(0x3131, 0x318F)}  # Hangul compatibility jamo (a syllable being typed)
    write_chars(common_file, chars | gb2312_hanzi() | kana | ks_x_1001_hangul() | jamo)

    common = [sys.executable, "-m", "fontTools.subset", "--no-hinting", "--desubroutinize", "--layout-features=", "--name-IDs=",
              "--notdef-outline"]
    subprocess.run(common + [LATIN, "--unicodes=U+0020-007E,U+00A0-00FF,U+2010-2027,U+2030-203A,U+2190-2193,U+25B2-25BC",
                             "--output-file=" + os.path.join(out_dir, "ui-latin.ttf")], check=True)
    for text_file, name in ((startup_file, "ui-cjk.ttf"), (common_file, "ui-cjk-common.ttf")):
        subprocess.run(common + [CJK, "--font-number=0", "--text-file=" + text_file,
                                 "--output-file=" + os.path.join(out_dir, name)], check=True)


if __name__ == "__main__":
    main()
