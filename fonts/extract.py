#!/usr/bin/env python3
"""Extract the Simplified-Chinese faces paiban ships from Debian's font packages.

The Noto CJK collections hold five faces (JP, KR, SC, TC, HK) sharing one CFF
table; we save the SC face as a standalone OpenType font with every table kept
(the whole character set, GSUB/GPOS and all): nothing is subset.  LXGW WenKai
is already a single-face TrueType font and is copied as it is.

Run from this folder:  python3 extract.py
Needs: apt-get install fonts-noto-cjk fonts-lxgw-wenkai; pip install fonttools
"""
import shutil
import sys
from fontTools.ttLib import TTCollection

NOTO = "/usr/share/fonts/opentype/noto"
WENKAI = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"

FACES = [
    ("NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular.otf"),
    ("NotoSerifCJK-Bold.ttc", "NotoSerifCJKsc-Bold.otf"),
    ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf"),
    ("NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.otf"),
]


def sc_face(collection):
    """Returns the face whose PostScript name says it is the SC one."""
    for font in collection.fonts:
        ps = font["name"].getDebugName(6) or ""
        if "CJKsc" in ps or ps.endswith("SC-Regular") or "SC-" in ps:
            return font, ps
    sys.exit("no SC face in collection")


for ttc, out in FACES:
    font, ps = sc_face(TTCollection(f"{NOTO}/{ttc}", recalcTimestamp=False))
    font.recalcTimestamp = False
    font.save(out)
    print(f"{ttc} -> {out} ({ps}, {len(font.getGlyphOrder())} glyphs)")

shutil.copyfile(WENKAI, "LXGWWenKai-Regular.ttf")
print("LXGWWenKai-Regular.ttf copied")
