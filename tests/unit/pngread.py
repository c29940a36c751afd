"""pngread.py - an 8-bit RGB or RGBA PNG read with zlib alone (the tests run
where no image library for Python is installed)."""
import struct
import zlib


class _Row:
    """A decoded row: row[x] is pixel x's (r, g, b)."""
    __slots__ = ('line', 'bpp')

    def __init__(self, line, bpp):
        self.line, self.bpp = line, bpp

    def __getitem__(self, x):
        i = x * self.bpp
        return tuple(self.line[i:i + 3])


def png_rgb(path, last_row=None):
    """(width, height, rows of (r, g, b)) of an 8-bit RGB or RGBA PNG; with
    last_row, only the rows down to that one."""
    with open(path, 'rb') as f:
        b = f.read()
    pos, idat = 8, b''
    while pos < len(b):
        n, kind = struct.unpack('>I4s', b[pos:pos + 8])
        body = b[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
            assert depth == 8 and ctype in (2, 6) and not interlace, 'unexpected PNG form'
            bpp = 4 if ctype == 6 else 3
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(h if last_row is None else min(h, last_row + 1)):
        ft = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride if ft else 0):  # cairo and libpng write filter 0 mostly
            a = line[i - bpp] if i >= bpp else 0
            up = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ft == 1:
                line[i] = (line[i] + a) & 255
            elif ft == 2:
                line[i] = (line[i] + up) & 255
            elif ft == 3:
                line[i] = (line[i] + (a + up) // 2) & 255
            elif ft == 4:
                p = a + up - c
                pa, pb, pc = abs(p - a), abs(p - up), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else up if pb <= pc else c)) & 255
        rows.append(_Row(bytes(line), bpp))
        prev = line
    return w, h, rows
