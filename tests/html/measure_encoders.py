#!/usr/bin/python3
"""Measure the time-lapse encoders on the same frames (not a test): incmap's
lossless animated WebP against lossy WebP (img2webp, from Debian's webp),
GIF and APNG (Pillow). Prints bytes and the PSNR of the decoded frames
against the PNG frames.

usage: measure_encoders.py INCMAP INPUT STEP SIZE SCRATCH
  e.g. measure_encoders.py build/incmap data/iraq-2021.json month 1200x900 /tmp/enc
"""
import math
import os
import shutil
import subprocess
import sys

from PIL import Image, ImageChops, ImageStat

incmap, inp, step, size, scratch = sys.argv[1:6]
shutil.rmtree(scratch, ignore_errors=True)
os.makedirs(scratch)
frames_dir = os.path.join(scratch, "frames")
webp = os.path.join(scratch, "incmap.webp")
subprocess.run([incmap, "render", inp, "--animate", step, "--size", size, "--frames", frames_dir,
                "-o", webp], check=True)
names = sorted(os.listdir(frames_dir))
ref = [Image.open(os.path.join(frames_dir, n)).convert("RGB") for n in names]


def psnr(path):
    im = Image.open(path)
    worst = math.inf
    for k in range(getattr(im, "n_frames", 1)):
        im.seek(k)
        d = ImageStat.Stat(ImageChops.difference(im.convert("RGB"), ref[k]).point(lambda v: v * v))
        mse = sum(d.mean) / 3
        worst = min(worst, math.inf if mse == 0 else 10 * math.log10(255 * 255 / mse))
    return worst


out = {"incmap lossless WebP": webp}
if shutil.which("img2webp"):
    lossy = os.path.join(scratch, "lossy.webp")
    args = ["img2webp", "-loop", "0", "-lossy", "-q", "80", "-d", "400"]
    for n in names:
        args += [os.path.join(frames_dir, n)]
    subprocess.run(args + ["-o", lossy], check=True, capture_output=True)
    out["img2webp lossy q80"] = lossy
gif = os.path.join(scratch, "pillow.gif")
ref[0].save(gif, save_all=True, append_images=ref[1:], duration=400, loop=0, optimize=True)
out["Pillow GIF (256 colours)"] = gif
apng = os.path.join(scratch, "pillow.png")
ref[0].save(apng, save_all=True, append_images=ref[1:], duration=400, loop=0, format="PNG")
out["Pillow APNG"] = apng
print(f"{len(names)} frames of {size}")
for name, path in out.items():
    p = psnr(path)
    print(f"{name:26s} {os.path.getsize(path):>10,d} bytes   worst-frame PSNR "
          + ("lossless" if p == math.inf else f"{p:.1f} dB"))
