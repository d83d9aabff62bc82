#!/usr/bin/env python3
"""Packs a dataset cache (from `boneage prepare`) small enough to travel to a GPU machine, and unpacks it.

The GPU machine has LibTorch but no image libraries, and at most 64 MiB of files travel to it, so the
cache's raw grey bytes (114 MB for the 11,411 RSNA films at 100 px) are sent losslessly compressed:
each pixel is replaced by its residual from the LOCO-I median predictor (as in JPEG-LS), and the
residuals are xz-compressed. Unpacking restores the exact bytes (checked against a SHA-256).

    gpu-cache-pack.py pack CACHE_DIR PACKED_DIR
    gpu-cache-pack.py unpack PACKED_DIR CACHE_DIR
Needs numpy (Debian: python3-numpy).
"""
import hashlib
import lzma
import pathlib
import shutil
import sys

import numpy as np


def geometry(cache):
    props = dict(line.split("=", 1) for line in (cache / "cache.txt").read_text().splitlines() if "=" in line)
    return int(props["width"]), int(props["height"])


def predictor(a):
    """LOCO-I median edge detector prediction of each pixel from its left, upper and upper-left pixels."""
    a = a.astype(np.int16)
    left = np.zeros_like(a); left[:, :, 1:] = a[:, :, :-1]
    up = np.zeros_like(a); up[:, 1:, :] = a[:, :-1, :]
    ul = np.zeros_like(a); ul[:, 1:, 1:] = a[:, :-1, :-1]
    lo, hi = np.minimum(left, up), np.maximum(left, up)
    return np.where(ul >= hi, lo, np.where(ul <= lo, hi, left + up - ul))


def pack(cache, packed):
    w, h = geometry(cache)
    raw = (cache / "images.u8").read_bytes()
    a = np.frombuffer(raw, dtype=np.uint8).reshape(-1, h, w)
    residual = ((a.astype(np.int16) - predictor(a)) & 0xFF).astype(np.uint8)
    packed.mkdir(parents=True, exist_ok=True)
    (packed / "images.residual.xz").write_bytes(lzma.compress(residual.tobytes(), preset=9 | lzma.PRESET_EXTREME))
    (packed / "images.sha256").write_text(hashlib.sha256(raw).hexdigest() + "\n")
    for name in ("cache.txt", "samples.csv"):
        shutil.copy(cache / name, packed / name)


def unpack(packed, cache):
    w, h = geometry(packed)
    residual = np.frombuffer(lzma.decompress((packed / "images.residual.xz").read_bytes()), dtype=np.uint8)
    residual = residual.reshape(-1, h, w).astype(np.int16)
    a = np.zeros(residual.shape, dtype=np.int16)
    # The predictor reads already decoded neighbours: decode row by row, column by column (vectorised
    # over the images).
    for y in range(h):
        for x in range(w):
            left = a[:, y, x - 1] if x else np.zeros(a.shape[0], np.int16)
            up = a[:, y - 1, x] if y else np.zeros(a.shape[0], np.int16)
            ul = a[:, y - 1, x - 1] if x and y else np.zeros(a.shape[0], np.int16)
            lo, hi = np.minimum(left, up), np.maximum(left, up)
            p = np.where(ul >= hi, lo, np.where(ul <= lo, hi, left + up - ul))
            a[:, y, x] = (p + residual[:, y, x]) & 0xFF
    raw = a.astype(np.uint8).tobytes()
    if hashlib.sha256(raw).hexdigest() != (packed / "images.sha256").read_text().strip():
        sys.exit(f"{packed}: unpacked images do not match their SHA-256")
    cache.mkdir(parents=True, exist_ok=True)
    for name in ("cache.txt", "samples.csv"):
        shutil.copy(packed / name, cache / name)
    tmp = cache / "images.u8.tmp"
    tmp.write_bytes(raw)
    tmp.replace(cache / "images.u8")


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("pack", "unpack"):
        sys.exit(__doc__)
    (pack if sys.argv[1] == "pack" else unpack)(pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]))
