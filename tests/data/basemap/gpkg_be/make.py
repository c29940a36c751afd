#!/usr/bin/env python3
# tests/data/basemap/gpkg_be/t.gpkg from ../gpkg/t.gpkg, run from tests/data/basemap:
#   python3 gpkg_be/make.py gpkg/t.gpkg gpkg_be/t.gpkg land geom
# Rewrite a GeoPackage's geometry blobs big-endian (header and WKB): the
# GeoPackage standard (clause 2.1.3) and ISO WKB allow either byte order.
import shutil, sqlite3, struct, sys
src, dst, table, col = sys.argv[1:5]
shutil.copy(src, dst)

def wkb(b, i, out):
    le = b[i] == 1
    e = '<' if le else '>'
    t = struct.unpack_from(e + 'I', b, i + 1)[0]
    out += b'\x00' + struct.pack('>I', t)
    i += 5
    base, dims = t % 1000, 2 + (t // 1000 in (1, 2)) + (t // 1000 == 3) * 2
    def pts(n):
        nonlocal i, out
        for _ in range(n * dims):
            out += struct.pack('>d', struct.unpack_from(e + 'd', b, i)[0]); i += 8
    def count():
        nonlocal i, out
        n = struct.unpack_from(e + 'I', b, i)[0]; i += 4; out += struct.pack('>I', n); return n
    if base == 1:
        pts(1)
    elif base == 2:
        pts(count())
    elif base == 3:
        for _ in range(count()):
            pts(count())
    elif base in (4, 5, 6, 7):
        for _ in range(count()):
            i, out = wkb(b, i, out)
    else:
        raise SystemExit('type %d' % t)
    return i, out

db = sqlite3.connect(dst)
rows = db.execute('SELECT rowid, "%s" FROM "%s"' % (col, table)).fetchall()
for rid, g in rows:
    g = bytes(g)
    flags = g[3]
    le = flags & 1
    e = '<' if le else '>'
    env = (flags >> 1) & 7
    nenv = {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}[env]
    out = g[:3] + bytes([flags & ~1]) + struct.pack('>i', struct.unpack_from(e + 'i', g, 4)[0])
    i = 8
    for _ in range(nenv):
        out += struct.pack('>d', struct.unpack_from(e + 'd', g, i)[0]); i += 8
    i, out = wkb(g, i, out)
    assert i == len(g)
    db.execute('UPDATE "%s" SET "%s" = ? WHERE rowid = ?' % (table, col), (out, rid))
db.commit()
db.execute('VACUUM')
db.close()
