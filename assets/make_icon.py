#!/usr/bin/env python3
"""Draws assets/floe.png, floe's 256 px icon: a melting ice cube (an
isometric cube, three shaded faces, a drip below) on a dark rounded square.
Pure Python (zlib only), 4x4 supersampled. Run: python3 assets/make_icon.py"""
import struct, zlib, math, os

N, SS = 256, 4
BG = (22, 34, 56)
TOP, LEFT, RIGHT, DRIP = (214, 236, 250), (120, 180, 226), (64, 128, 190), (120, 180, 226)

def inside(poly, x, y):
    c = False
    for i in range(len(poly)):
        (x1, y1), (x2, y2) = poly[i], poly[i - 1]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            c = not c
    return c

cx, cy, s = 128, 122, 70          # cube centre and half-width
h = s * math.tan(math.radians(30))
top = [(cx, cy - 2 * h), (cx + s, cy - h), (cx, cy), (cx - s, cy - h)]
left = [(cx - s, cy - h), (cx, cy), (cx, cy + 2 * h - 6), (cx - s, cy + h - 14)]
right = [(cx, cy), (cx + s, cy - h), (cx + s, cy + h - 14), (cx, cy + 2 * h - 6)]
shapes = [(top, TOP), (left, LEFT), (right, RIGHT)]

def colour(x, y):
    r = 44  # rounded-square corner radius
    qx, qy = min(x, N - x), min(y, N - y)
    if qx < r and qy < r and (r - qx) ** 2 + (r - qy) ** 2 > r * r:
        return None
    for poly, c in shapes:
        if inside(poly, x, y):
            return c
    # the drip: a drop under the cube's front edge
    dx, dy = x - cx, y - (cy + 2 * h + 26)
    if dx * dx + dy * dy < 11 ** 2 or (abs(dx) < 11 - (cy + 2 * h + 26 - y) * 0.45 and cy + 2 * h - 6 < y < cy + 2 * h + 26):
        return DRIP
    return BG

rows = []
for py in range(N):
    row = bytearray([0])
    for px in range(N):
        acc, a = [0, 0, 0], 0
        for sy in range(SS):
            for sx in range(SS):
                c = colour(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS)
                if c:
                    a += 1
                    for k in range(3):
                        acc[k] += c[k]
        row += bytes([acc[0] // a, acc[1] // a, acc[2] // a] if a else [0, 0, 0]) + bytes([255 * a // (SS * SS)])
    rows.append(bytes(row))

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "floe.png")
open(out, "wb").write(png)
print("wrote", out)
