#!/usr/bin/python3
"""The time-lapse decoded by independent decoders (Pillow; webpmux when
installed): the number of frames is the number of periods between the
first and last date, each PNG frame names its period and the running count
as the test computes them from the input, the WebP's frames are those PNG
frames pixel for pixel (lossless), the durations are as asked, and nothing
outside the map frame moves between frames. Exit 77 without python3-pil.

usage: animate.py INCMAP DATA_DIR TESTS_DIR SCRATCH
"""
import datetime
import json
import os
import shutil
import subprocess
import sys

try:
    from PIL import Image, ImageChops
except ImportError:
    print("SKIP: python3-pil is not installed")
    sys.exit(77)

from harness import check, data_dir, finish, run, scratch


sample = os.path.join(data_dir, "iraq-2021.json")
dates = sorted(datetime.date.fromisoformat(i["date"][:10])
               for i in json.load(open(sample))["incidents"])


def periods(step, first, last):
    """The periods from first to last, as (start, end, label)."""
    out = []
    if step == "day":
        d = first
        while d <= last:
            out.append((d, d, d.isoformat()))
            d += datetime.timedelta(days=1)
    elif step == "week":
        d = first - datetime.timedelta(days=first.weekday())  # Monday
        while d <= last:
            e = d + datetime.timedelta(days=6)
            out.append((d, e, f"{d.isoformat()} to {e.isoformat()}"))
            d += datetime.timedelta(days=7)
    else:
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
            out.append((datetime.date(y, m, 1), datetime.date(ny, nm, 1) - datetime.timedelta(days=1),
                        f"{y:04d}-{m:02d}"))
            y, m = ny, nm
    return out


def webp_frames(path):
    im = Image.open(path)
    frames, durations = [], []
    for k in range(im.n_frames):
        im.seek(k)
        frames.append(im.convert("RGB"))
        durations.append(im.info.get("duration"))
    return frames, durations


cases = [
    # 2 May 2021 is a Sunday: the last day of its ISO week, whose frame comes first
    ("week", ["--from", "2021-05-02", "--to", "2021-07-08"], 250),
    ("day", ["--from", "2021-07-01", "--to", "2021-07-08"], 0),
    ("month", [], 0),
]
for step, window, ms in cases:
    name = f"anim-{step}"
    out = os.path.join(scratch, name + ".webp")
    fdir = os.path.join(scratch, name + "-frames")
    shutil.rmtree(fdir, ignore_errors=True)
    args = ["render", sample, "--size", "640x480", "--animate", step, "--frames", fdir,
            "-o", out, *window]
    if ms:
        args += ["--frame-ms", str(ms)]
    r = run(*args)
    check(r.returncode == 0, f"{step}: renders ({r.stderr.strip()})")
    if r.returncode != 0:
        continue
    first = datetime.date.fromisoformat(window[1]) if window else dates[0]
    last = datetime.date.fromisoformat(window[3]) if window else dates[-1]
    want = periods(step, first, last)
    frames, durations = webp_frames(out)
    check(len(frames) == len(want), f"{step}: {len(frames)} WebP frames, {len(want)} periods")
    each = ms or 400
    check(durations == [each] * (len(want) - 1) + [3 * each],
          f"{step}: every frame {each} ms, the last {3 * each} ms ({sorted(set(durations))})")
    if shutil.which("webpmux"):
        info = subprocess.run(["webpmux", "-info", out], capture_output=True, text=True).stdout
        check(f"Number of frames: {len(want)}" in info, f"{step}: webpmux counts {len(want)} frames")
    pngs = sorted(f for f in os.listdir(fdir) if f.endswith(".png"))
    check(pngs == [f"frame-{k:04d}.png" for k in range(1, len(want) + 1)],
          f"{step}: numbered PNG frames ({len(pngs)})")
    top = None
    for k, (a, b, label) in enumerate(want):
        if k >= len(pngs) or k >= len(frames):
            break
        png = Image.open(os.path.join(fdir, pngs[k]))
        so_far = sum(1 for d in dates if first <= d <= b)
        desc = png.info.get("Description", "")
        check(desc == f"{label}; {so_far} incidents so far",
              f"{step}: frame {k + 1} is {label} with {so_far} ({desc!r})")
        rgb = png.convert("RGB")
        check(ImageChops.difference(rgb, frames[k]).getbbox() is None,
              f"{step}: WebP frame {k + 1} is PNG frame {k + 1}, pixel for pixel")
        # The title block above the map frame never changes.
        band = rgb.crop((0, 0, rgb.width, int(rgb.height * 0.08)))
        if top is None:
            top = band
        else:
            check(ImageChops.difference(top, band).getbbox() is None,
                  f"{step}: frame {k + 1}'s title block is the first frame's")
    if len(frames) > 1:
        check(ImageChops.difference(frames[0], frames[-1]).getbbox() is not None,
              f"{step}: the last frame differs from the first")

# What a time-lapse refuses; nothing written then.
bad = os.path.join(scratch, "refused")
for args, what in (([bad + ".png", "--animate", "week"], "--animate with .png"),
                   ([bad + ".webp"], ".webp without --animate"),
                   ([bad + ".webp", "--animate", "year"], "--animate year"),
                   ([bad + ".webp", "--animate", "week", "--facet", "month"], "--facet"),
                   ([bad + ".webp", "--animate", "week", "--frame-ms", "0"], "--frame-ms 0")):
    r = run("render", sample, "--size", "640x480", "-o", *args)
    check(r.returncode == 2 and not os.path.exists(args[0]) and r.stderr.startswith("incmap: "),
          f"{what}: exit 2, a message, no file ({r.returncode}: {r.stderr.strip()})")

finish()
