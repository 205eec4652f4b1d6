#!/usr/bin/env python3
"""A stand-in for the `typst` binary built on the typst Python package (`pip install typst`,
which bundles the same compiler), for machines without a typst binary.

    bench/typst-py.py --version
    bench/typst-py.py compile [--root DIR] [--input KEY=VALUE]... INPUT.typ OUTPUT.pdf

Fonts come from TYPST_FONT_PATHS (colon-separated, as for the typst CLI); when it is set,
system fonts are ignored. Starting Python and loading the module costs about 0.1 s, which
is counted in Typst's time: subtract `python3 -c 'import typst'` to compare the compilers
alone (bench/run.sh prints that figure).
"""
import os
import sys

import typst


def main(argv):
    if argv[:1] == ["--version"]:
        print(f"typst {typst.__version__} (Python package)")
        return 0
    if argv[:1] != ["compile"]:
        print("usage: typst-py.py compile [--root DIR] [--input K=V]... IN OUT", file=sys.stderr)
        return 2
    root, inputs, files = None, {}, []
    args = iter(argv[1:])
    for a in args:
        if a == "--root":
            root = next(args)
        elif a == "--input":
            key, _, value = next(args).partition("=")
            inputs[key] = value
        else:
            files.append(a)
    if len(files) != 2:
        print("typst-py.py: need INPUT and OUTPUT", file=sys.stderr)
        return 2
    fonts = [p for p in os.environ.get("TYPST_FONT_PATHS", "").split(":") if p]
    typst.compile(files[0], output=files[1], root=root, font_paths=fonts,
                  ignore_system_fonts=bool(fonts), sys_inputs=inputs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
