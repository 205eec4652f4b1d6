#!/usr/bin/env python3
"""Compare the sample's article files with the seed page text they were built from.

The seed (`shared/seed/000_91938567b81f1fcc.txt`) is a raw PDF text extraction of the two
Zhangzhou pages: lines broken at column width, stray blank lines at column breaks, headlines
printed after their articles, a fake-bold doubled headline, letter-spaced text.  This script
knows, for every article, which seed lines make up each body paragraph, its headline group
and its photo captions (see SOURCES.md), and checks that

1. the Han characters of every seed body equal, in order, the Han characters of our body;
2. the whole body text equals the seed text after the documented fixes (whitespace removed,
   ASCII comma -> full-width), so nothing but those fixes changed;
3. headline parts and captions match the seed, except the documented editorial ones.

It prints every difference and exits 1 if there is any undocumented one.

    python3 samples/zhangzhou-2022-10/check-text.py            # check
    python3 samples/zhangzhou-2022-10/check-text.py --draft ID # print cleaned seed paragraphs
"""
import difflib
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
SEED = HERE.parent.parent.parent / "shared" / "seed" / "000_91938567b81f1fcc.txt"
if not SEED.exists():  # a worktree beside /work/shared
    SEED = pathlib.Path("/work/shared/seed/000_91938567b81f1fcc.txt")

# Seed line ranges (1-based, inclusive) of each body paragraph.  A range may carry a
# (first_line_start, last_line_end) string cut: line 85 holds the end of the metro article
# and the start of the investment article ("…土地利用率。本报讯 10月27日下午，漳州高").
BODIES = {
    "kuangshan": [(1, 6), (8, 11), (13, 23)],
    "xuanjiang": [(28, 35), (37, 50), (52, 58), (60, 67)],
    "ditie": [(74, 79), (81, 85, None, "利用率。")],
    "zhaoshang": [(85, 92, "本报讯", None), (94, 101), (103, 109), (111, 117),
                  (119, 127), (129, 136)],
    "fengshu": [(142, 148), (150, 156), (158, 174)],
    "kuoda-huiyi": [(180, 191), (193, 203), (205, 222), (224, 238)],
    "disijidu": [(246, 256), (258, 282), (284, 305), (307, 327)],
}

# Headline groups as the seed prints them (line numbers), and what we made of them.
# "ours" marks parts that are an editorial decision rather than the seed's text.
HEADS = {
    "kuangshan": {"lines": [25, 26]},
    "xuanjiang": {"lines": [69, 70]},
    "ditie": {"lines": [175, 176, 178], "decode": "fake-bold"},
    "zhaoshang": {"lines": [138, 139, 140]},
    "fengshu": {"lines": [], "ours": True},
    "kuoda-huiyi": {"lines": [243, 244]},
    "disijidu": {"lines": [329, 330]},
}
# Photo captions: seed line ranges per photo, in front-matter order; None = our caption.
CAPTIONS = {
    "kuangshan": [(351, 351)],
    "xuanjiang": [(72, 72), (340, 349)],
    "ditie": [None],
    "kuoda-huiyi": [(332, 338)],
}
# The seed's only documented character fix besides whitespace.
FIXES = [(",", "，")]

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")


def seed_lines():
    return SEED.read_text(encoding="utf-8").split("\n")


def cut(lines, rng):
    first, last = rng[0], rng[1]
    start = rng[2] if len(rng) > 2 else None
    end = rng[3] if len(rng) > 3 else None
    chunk = lines[first - 1:last]
    if start:
        chunk[0] = chunk[0][chunk[0].index(start):]
    if end:
        chunk[-1] = chunk[-1][:chunk[-1].index(end) + len(end)]
    return "".join(chunk)


def normalize(text):
    """The documented fixes: drop all whitespace (ASCII, U+3000), ASCII comma -> ，."""
    text = re.sub(r"[\s\u3000]+", "", text)
    for a, b in FIXES:
        text = text.replace(a, b)
    return text


def decode_fake_bold(line):
    """Undo the fake-bold doubling: 'ABAB' runs printed twice -> once."""
    out, i = "", 0
    while i < len(line):
        for n in range(min(8, (len(line) - i) // 2), 0, -1):
            if line[i:i + n] == line[i + n:i + 2 * n]:
                out += line[i:i + n]
                i += 2 * n
                break
        else:
            out += line[i]
            i += 1
    return out


def read_article(path):
    text = path.read_text(encoding="utf-8")
    m = re.match(r"\+\+\+\n(.*?)\n\+\+\+\n(.*)\Z", text, re.S)
    if not m:
        sys.exit(f"{path}: no +++ front matter")
    import tomllib
    front = tomllib.loads(m.group(1))
    paras = [" ".join(p.split("\n")).strip() for p in re.split(r"\n\s*\n", m.group(2))]
    return front, [p for p in paras if p]


def diff(label, want, got):
    if want == got:
        return 0
    print(f"  {label}: DIFFERS")
    sm = difflib.SequenceMatcher(None, want, got, autojunk=False)
    for op, a1, a2, b1, b2 in sm.get_opcodes():
        if op != "equal":
            print(f"    {op}: seed {want[max(0,a1-6):a2+6]!r} -> ours {got[max(0,b1-6):b2+6]!r}")
    return 1


BENCH = {"kuangshan": "01", "xuanjiang": "02", "ditie": "03", "zhaoshang": "04",
         "fengshu": "05", "kuoda-huiyi": "06", "disijidu": "07"}


def bench_check(aid, paras):
    """Independent cross-check: the clean paragraphs in shared/bench/articles (whose line 1,
    a headline, is not compared: the bench headlines are abridged)."""
    bench = SEED.parent.parent / "bench" / "articles" / f"{BENCH[aid]}.txt"
    if not bench.exists():
        print("  (bench text not found, cross-check skipped)")
        return 0
    want = [l for l in bench.read_text(encoding="utf-8").split("\n")[1:] if l.strip()]
    return diff("body vs bench text", "\n".join(want), "\n".join(paras))


def head_text(front):
    parts = [front.get(k, "") for k in ("kicker", "headline", "subhead")]
    return "".join(parts)


def main():
    lines = seed_lines()
    if len(sys.argv) == 3 and sys.argv[1] == "--draft":
        for rng in BODIES[sys.argv[2]]:
            print(normalize(cut(lines, rng)))
            print()
        return 0
    bad = 0
    for aid, ranges in BODIES.items():
        front, paras = read_article(HERE / "articles" / f"{aid}.md")
        seed_paras = [normalize(cut(lines, r)) for r in ranges]
        ours = [normalize(p) for p in paras]
        print(f"{aid}: {len(ours)} paragraphs (seed {len(seed_paras)})")
        seed_han = "".join(HAN.findall("".join(seed_paras)))
        our_han = "".join(HAN.findall("".join(ours)))
        print(f"  Han characters: seed {len(seed_han)}, ours {len(our_han)}")
        bad += diff("body Han characters", seed_han, our_han)
        bad += diff("body text after fixes", "\n".join(seed_paras), "\n".join(ours))
        for i, para in enumerate(paras):
            raw = para[4:] if i == 0 else para
            if re.search(r"[\s\u3000,]", raw):
                print(f"  paragraph {i + 1} has whitespace or an ASCII comma: {raw!r}")
                bad += 1
        bad += bench_check(aid, paras)
        if not paras[0].startswith("本报讯\u3000"):
            print("  first paragraph does not start with 本报讯 + U+3000")
            bad += 1
        h = HEADS[aid]
        if h.get("ours"):
            print(f"  headline group is OURS (seed prints none): {head_text(front)!r}")
        else:
            seed_head = [lines[n - 1] for n in h["lines"]]
            if h.get("decode") == "fake-bold":
                seed_head = [decode_fake_bold(s.strip()) for s in seed_head]
            bad += diff("headline group", normalize("".join(seed_head)),
                        normalize(head_text(front)))
        for i, (photo, rng) in enumerate(zip(front.get("photo", []), CAPTIONS.get(aid, []))):
            if rng is None:
                print(f"  photo {i + 1} caption is OURS: {photo['caption']!r}")
                continue
            bad += diff(f"photo {i + 1} caption", normalize(cut(lines, rng)),
                        normalize(photo["caption"]))
        if len(front.get("photo", [])) != len(CAPTIONS.get(aid, [])):
            print(f"  photo count {len(front.get('photo', []))} != planned {len(CAPTIONS.get(aid, []))}")
            bad += 1
        for key in ("kicker", "headline", "subhead", "byline"):
            v = front.get(key, "")
            if re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", v):
                print(f"  {key} has an ASCII space between Han characters: {v!r}")
                bad += 1
    print("OK: no differences except the documented fixes" if not bad
          else f"{bad} undocumented difference(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
