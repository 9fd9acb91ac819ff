#!/usr/bin/env python3
"""The README's examples are the files the tests run: `check LANG FILE ...` fails unless, for
each pair, the README has a ```LANG code block whose text is exactly FILE's (so an example
cannot drift from what is tested); `print LANG N` prints the README's N-th ```LANG block."""
import sys


def blocks(readme, lang):
    out, current = [], None
    for line in open(readme, encoding="utf-8").read().splitlines(keepends=True):
        if current is None and line.strip() == "```" + lang:
            current = []
        elif current is not None and line.strip() == "```":
            out.append("".join(current))
            current = None
        elif current is not None:
            current.append(line)
    return out


def main(argv):
    readme, command, rest = argv[1], argv[2], argv[3:]
    if command == "print":
        sys.stdout.write(blocks(readme, rest[0])[int(rest[1])])
        return 0
    failed = 0
    for lang, path in zip(rest[::2], rest[1::2]):
        text = open(path, encoding="utf-8").read()
        if text not in blocks(readme, lang):
            print(f"{readme}: no ```{lang} block is {path} as written; copy the file into it")
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv))
