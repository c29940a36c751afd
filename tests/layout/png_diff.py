#!/usr/bin/env python3
"""png_diff.py A.png B.png MAX_PERMILLE - A and B (8-bit RGB or RGBA PNGs of one
size, as rsvg-convert writes them) differ in at most MAX_PERMILLE per
thousand of their pixels (compared as the means of 2x2 blocks, which differ
when a channel differs by more than 64 of 255: anti-aliasing and sub-pixel
placement are forgiven, a glyph moved, resized or missing is not). Prints the figure."""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('%s: not a PNG' % path)
    pos, idat, w = 8, [], None
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b'IHDR':
            w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                raise ValueError('%s: only 8-bit RGB(A), not interlaced' % path)
            bpp = 4 if ctype == 6 else 3
        elif kind == b'IDAT':
            idat.append(body)
        elif kind == b'IEND':
            break
    raw = zlib.decompress(b''.join(idat))
    stride = w * bpp
    rows, prev, p = [], bytearray(stride), 0
    for _ in range(h):
        f = raw[p]
        line = bytearray(raw[p + 1:p + 1 + stride])
        p += 1 + stride
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 255
        elif f == 3:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((a + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def main(argv):
    wa, ha, ba, ra = read_png(argv[1])
    wb, hb, bb, rb = read_png(argv[2])
    if (wa, ha) != (wb, hb):
        print('FAIL: sizes differ: %dx%d and %dx%d' % (wa, ha, wb, hb))
        return 1
    # Compared in blocks of 2x2 pixels (their mean), so a glyph edge a
    # sub-pixel away (another rasteriser's hinting) is not a difference.
    differ = blocks = 0
    for y in range(0, ha - 1, 2):
        a0, a1, b0, b1 = ra[y], ra[y + 1], rb[y], rb[y + 1]
        for x in range(0, wa - 1, 2):
            blocks += 1
            for c in range(3):
                ia, ib = x * ba + c, x * bb + c
                sa = a0[ia] + a0[ia + ba] + a1[ia] + a1[ia + ba]
                sb = b0[ib] + b0[ib + bb] + b1[ib] + b1[ib + bb]
                if abs(sa - sb) > 4 * 64:
                    differ += 1
                    break
    permille = 1000.0 * differ / max(blocks, 1)
    limit = float(argv[3])
    print('%.2f per mille of the 2x2 blocks differ (limit %.2f)' % (permille, limit))
    if permille > limit:
        print('FAIL: %s and %s differ too much' % (argv[1], argv[2]))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
