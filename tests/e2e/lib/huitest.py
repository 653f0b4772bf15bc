"""What every end-to-end test shares: the environment CTest sets (the huibian
binary, the source tree, a scratch folder), a check that counts instead of
stopping at the first failure, and the closing "N passed, N failed" line."""
import os
import struct
import subprocess
import zlib

BIN = os.environ["HUIBIAN"]
SRC = os.environ["HUIBIAN_SOURCE"]

passed = 0
failed = 0


def tmp(default):
    """The test's scratch folder: HUIBIAN_TMP under CTest, else default."""
    return os.environ.get("HUIBIAN_TMP", default)


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAILED:", what)
    return bool(cond)


def run(*args, **kwargs):
    """Runs a command, capturing its output as text."""
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def png(path, w, h):
    """A w x h RGB PNG of three colour bands."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes([(60, 140, 200), (90, 160, 90), (170, 120, 70)][y * 3 // h]) * w
                    for y in range(h))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def replace_in(path, old, new):
    """Replaces the first old in the UTF-8 file at path with new (old must be there)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert old in text, (path, old)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


def snapshot(folder):
    """Every file under folder: relative name -> bytes (a link as its target),
    to tell whether a folder changed."""
    files = {}
    for root, _, names in os.walk(folder):
        for n in names:
            p = os.path.join(root, n)
            rel = os.path.relpath(p, folder)
            if os.path.islink(p):
                files[rel] = 'link:' + os.readlink(p)
            else:
                with open(p, 'rb') as f:
                    files[rel] = f.read()
    return files


def summary():
    """Prints the closing line and returns the exit status."""
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0
