#!/usr/bin/env python3
"""animate_quick.py INCMAP DATA TMP

A two-day time-lapse at 400x300, read back without an image library:
- the WebP's frame durations (its ANMF chunks) are what --frame-ms asked,
  at the smallest value allowed (1 ms: not the 400 ms default), the last
  frame held three times as long;
- the date stamp's box has a thin border: across its left edge the ink
  adds up to a line 0.6 pt wide (the page's points from the layout dump),
  not a 2 px line;
- a 1040-byte title is cut at a character within 1023 bytes for the
  frames' PNG "Title"."""
import json
import os
import shutil
import struct
import subprocess
import sys

from pngread import png_rgb

incmap, data, tmp = sys.argv[1:4]
tmp = os.path.join(tmp, 'animate-quick')
shutil.rmtree(tmp, ignore_errors=True)
os.makedirs(tmp)
fails = []


def fail(msg):
    fails.append(msg)
    print('FAIL: ' + msg)


def webp_durations(path):
    """Each frame's duration in ms, from the ANMF chunks of an animated WebP."""
    with open(path, 'rb') as f:
        b = f.read()
    if b[:4] != b'RIFF' or b[8:12] != b'WEBP':
        return None
    out, pos = [], 12
    while pos + 8 <= len(b):
        kind, n = b[pos:pos + 4], struct.unpack('<I', b[pos + 4:pos + 8])[0]
        if kind == b'ANMF':
            body = b[pos + 8:pos + 8 + 16]
            out.append(body[12] | body[13] << 8 | body[14] << 16)
        pos += 8 + n + (n & 1)
    return out


out = os.path.join(tmp, 'two-days.webp')
frames = os.path.join(tmp, 'frames')
dump = os.path.join(tmp, 'two-days.json')
p = subprocess.run([incmap, 'render', os.path.join(data, 'iraq-2021.json'), '--basemap', 'none',
                    '--size', '400x300', '--animate', 'day', '--from', '2021-07-01', '--to',
                    '2021-07-02', '--frame-ms', '1', '--frames', frames, '-o', out,
                    '--dump-layout', dump], capture_output=True, text=True)
if p.returncode != 0:
    fail('render: exit %d: %s' % (p.returncode, p.stderr.strip()))
    sys.exit(1)

durations = webp_durations(out)
if durations != [1, 3]:
    fail('--frame-ms 1 over two days: frame durations %r ms, want [1, 3]' % (durations,))

# The date stamp: inside the map frame, its left border is the longest
# vertical run of neutral grey pixels (the graticule is bluish, text runs
# are short). Its ink across the edge, in pixel widths of the border's
# colour (0.3 grey at 80 % over the paper), is the line's width.
d = json.load(open(dump))
w, h, rows = png_rgb(os.path.join(frames, 'frame-0002.png'))
scale = w / d['page']['w']  # pixels a point
frame = [it['box'] for it in d['items'] if it['kind'] == 'frame'][0]
x0, y0, x1, y1 = (int(frame[0] * scale) + 3, int(frame[1] * scale) + 3,
                  int(frame[2] * scale) - 3, int(frame[3] * scale) - 3)


def grey(px):
    return max(px) - min(px) < 5 and max(px) < 215


best = (0, 0, 0)  # run length, x, middle row
for x in range(x0, x1):
    run = 0
    for y in range(y0, y1 + 1):
        if y < y1 and grey(rows[y][x]):
            run += 1
        else:
            if run > best[0]:
                best = (run, x, y - run // 2)
            run = 0
run, x, y = best
if run < 25:
    fail('no date stamp border found in frame 2 (longest grey run %d px)' % run)
else:
    # the run may start on either pixel the line covers: look either side
    line = [sum(rows[y][k]) / 3 for k in range(x - 4, x + 5)]
    paper = max(line[0], line[-1])
    ink = sum(max(0.0, paper - v) for v in line[1:-1]) / (0.8 * (paper - 0.3 * 255))
    want = 0.6 * scale
    if not 0.6 * want <= ink <= 1.5 * want:
        fail('date stamp border %.2f px wide (ink across its left edge at x=%d, y=%d), want '
             '0.6 pt = %.2f px' % (ink, x, y, want))

# A title of 520 Arabic letters (1040 bytes of UTF-8) is cut for the
# frames' PNG "Title" at a character, within the 1024 bytes of its buffer
# (a C string: at most 1023 and its NUL).
def png_texts(path):
    with open(path, 'rb') as f:
        b = f.read()
    out, pos = {}, 8
    while pos < len(b):
        n, kind = struct.unpack('>I4s', b[pos:pos + 8])
        body = b[pos + 8:pos + 8 + n]
        if kind == b'tEXt':
            k, _, v = body.partition(b'\0')
            out[k.decode('latin-1')] = v.decode('latin-1').encode('latin-1')
        elif kind == b'iTXt':
            k, _, rest = body.partition(b'\0')
            if rest[0] == 0:  # uncompressed
                _, _, rest = rest[2:].partition(b'\0')  # language
                _, _, v = rest.partition(b'\0')  # translated keyword
                out[k.decode('latin-1')] = v
        pos += 12 + n
    return out


title = '\u0628' * 520
frames2 = os.path.join(tmp, 'frames-title')
p = subprocess.run([incmap, 'render', os.path.join(data, 'iraq-2021.json'), '--basemap', 'none',
                    '--size', '1200x900', '--animate', 'day', '--from', '2021-07-01', '--to',
                    '2021-07-02', '--title', title, '--frames', frames2, '-o',
                    os.path.join(tmp, 'long-title.webp')], capture_output=True, text=True)
if p.returncode != 0:
    fail('long title: exit %d: %s' % (p.returncode, p.stderr.strip()))
else:
    got = png_texts(os.path.join(frames2, 'frame-0001.png')).get('Title', b'')
    if not (1000 <= len(got) <= 1023 and title.encode().startswith(got)):
        fail('frame Title of a 1040-byte title: %d bytes%s (want the title cut at a character, '
             '1000 to 1023 bytes)' % (len(got), '' if title.encode().startswith(got)
                                      else ', not its beginning'))

print('animate_quick: %d failed' % len(fails))
sys.exit(1 if fails else 0)
