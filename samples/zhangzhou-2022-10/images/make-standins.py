#!/usr/bin/env python3
"""Draw the sample's stand-in photos (we do not have the printed photographs).

Each scene is drawn procedurally with numpy + Pillow from a fixed seed, so the files are
reproducible: sky gradients, fractal-noise textures, hills / a construction site / meeting
halls built from shapes, lighting and grain.  Every image carries a small "STAND-IN 示意图"
label in a corner.  Output: CMYK JPEGs (Adobe APP14, inverted samples as Photoshop writes
them; quality 85, stepped down to 79 at worst only to keep a file under 440 KB) with total
ink limited to 220 % (grey component replacement into K, then CMY scaled under the limit,
then re-checked on the decoded JPEG), sized for >= 250 ppi at the placements suggested in
../SOURCES.md.

    python3 samples/zhangzhou-2022-10/images/make-standins.py

prints, per file: pixel size, size in KB, ppi at the suggested width, max total ink.
"""
import pathlib

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = pathlib.Path(__file__).resolve().parent
CJK_FONT = HERE.parent.parent.parent / "fonts" / "NotoSansCJKsc-Regular.otf"
CJK_BOLD = HERE.parent.parent.parent / "fonts" / "NotoSansCJKsc-Bold.otf"
INK_LIMIT = 2.20  # 220 % total area coverage
INK_TARGET = 2.12  # conversion target, leaving room for JPEG ringing
GCR = 0.85  # share of the common grey replaced by K
MAX_KB = 440  # keep each file under 450 KB

# name -> (width px, height px, seed, suggested placed width in mm)
IMAGES = {
    "kuangshan-standin.jpg": (1300, 870, 11, 110),
    "ditie-standin.jpg": (1500, 1000, 23, 147),
    "xuanjiang-speech-standin.jpg": (1000, 750, 37, 72),
    "xuanjiang-flag-standin.jpg": (1300, 870, 41, 110),
    "kuoda-huiyi-standin.jpg": (1500, 1000, 53, 147),
}


# ---------------------------------------------------------------- helpers


def fbm(rng, h, w, base=4, octaves=6, falloff=0.5):
    """Fractal value noise in [0, 1], shape (h, w)."""
    out = np.zeros((h, w), np.float32)
    amp, total = 1.0, 0.0
    for o in range(octaves):
        gh, gw = base * 2**o * h // max(h, w) + 2, base * 2**o * w // max(h, w) + 2
        grid = rng.random((gh, gw)).astype(np.float32)
        img = Image.fromarray(grid, "F").resize((w, h), Image.BICUBIC)
        out += amp * np.asarray(img)
        total += amp
        amp *= falloff
    out /= total
    lo, hi = out.min(), out.max()
    return (out - lo) / (hi - lo + 1e-9)


def ridge(rng, w, y0, amp, base=3, octaves=6):
    """A 1-D fractal ridge line: y (pixels) for each x."""
    ys = np.zeros(w, np.float32)
    a = 1.0
    for o in range(octaves):
        n = base * 2**o + 2
        pts = rng.random(n) * 2 - 1
        ys += a * np.interp(np.linspace(0, n - 1, w), np.arange(n), pts)
        a *= 0.5
    return y0 + amp * ys


def vgrad(h, w, top, bottom, y0=0.0, y1=1.0):
    """Vertical colour gradient between rows y0*h and y1*h."""
    t = np.clip((np.linspace(0, 1, h) - y0) / (y1 - y0), 0, 1)[:, None, None]
    img = np.array(top, np.float32) * (1 - t) + np.array(bottom, np.float32) * t
    return np.broadcast_to(img, (h, w, 3)).copy()


def mask_of(size, draw_fn, blur=0.8):
    """A float mask in [0, 1] drawn by draw_fn(ImageDraw) on an L canvas."""
    m = Image.new("L", size, 0)
    draw_fn(ImageDraw.Draw(m))
    if blur:
        m = m.filter(ImageFilter.GaussianBlur(blur))
    return np.asarray(m, np.float32) / 255.0


def paint(img, mask, colour, tex=None, amount=0.0):
    """Composite a (textured) colour through a mask."""
    col = np.array(colour, np.float32)[None, None, :]
    if tex is not None:
        col = col * (1 + amount * (tex[..., None] - 0.5))
    m = mask[..., None]
    img *= 1 - m
    img += col * m
    return img


def ridge_mask(h, w, ys):
    """Mask of everything below a ridge line."""
    rows = np.arange(h, dtype=np.float32)[:, None]
    return np.clip(rows - ys[None, :] + 0.5, 0, 1)


def blur_rgb(img, radius):
    """Gaussian blur of a float RGB array (via 8-bit Pillow, fine for the final pass)."""
    im = Image.fromarray(np.round(np.clip(img, 0, 1) * 255).astype(np.uint8), "RGB")
    return np.asarray(im.filter(ImageFilter.GaussianBlur(radius)), np.float32) / 255.0


def finish(img, rng, vignette=0.25, grain=0.008, soften=0.6):
    """Camera look: lens softness, a gentle S-curve, vignette and fine colour grain."""
    h, w, _ = img.shape
    img = blur_rgb(np.clip(img, 0, 1), soften)
    img = img + 0.12 * (img - 0.5) * (1 - np.abs(2 * img - 1))  # S-curve
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r = ((xx / w - 0.5) ** 2 + (yy / h - 0.5) ** 2) / 0.5
    img *= (1 - vignette * r)[..., None]
    img += grain * rng.standard_normal((h, w, 1)).astype(np.float32)
    img += 0.25 * grain * rng.standard_normal((h, w, 3)).astype(np.float32)
    return np.clip(img, 0, 1)


def shade(colour, f):
    """colour (RGB or RGBA tuple) with its RGB scaled by f."""
    rgb = tuple(int(max(0, min(255, c * f))) for c in colour[:3])
    return rgb + tuple(colour[3:])


def blob(d, x, y, rx, ry, colour, light=(-0.35, -0.4)):
    """A rounded mass lit from the upper left: shadow base, body, highlight."""
    d.ellipse([x - rx, y - ry, x + rx, y + ry], fill=shade(colour, 0.62))
    lx, ly = light
    d.ellipse([x - rx * 0.9 + lx * rx * 0.15, y - ry * 0.92 + ly * ry * 0.15,
               x + rx * 0.78 + lx * rx * 0.15, y + ry * 0.7 + ly * ry * 0.15], fill=colour)
    d.ellipse([x + lx * rx * 0.5 - rx * 0.38, y + ly * ry * 0.5 - ry * 0.34,
               x + lx * rx * 0.5 + rx * 0.32, y + ly * ry * 0.5 + ry * 0.3], fill=shade(colour, 1.22))


SKINS = [(214, 172, 140, 255), (200, 158, 126, 255), (188, 146, 112, 255), (222, 182, 152, 255)]


def person(d, x, y, s, jacket, skin=SKINS[0], hair=(28, 24, 22, 255), shirt=(238, 238, 232, 255),
           tie=None, legs=False, arm=0):
    """A person facing us: head centre (x, y), head height s pixels; arm = -1/1 reaches out."""
    hw, sh = s * 0.37, s * 1.12
    top, bot = y + s * 0.58, y + s * 3.0
    d.polygon([(x - sh * 0.6, top - s * 0.04), (x + sh * 0.6, top - s * 0.04), (x + sh, top + s * 0.38),
               (x + sh * 1.03, bot), (x - sh * 1.03, bot), (x - sh, top + s * 0.38)], fill=jacket)
    d.ellipse([x - sh, top - s * 0.04, x - sh + s * 0.9, top + s * 0.8], fill=jacket)
    d.ellipse([x + sh - s * 0.9, top - s * 0.04, x + sh, top + s * 0.8], fill=shade(jacket, 0.8))
    d.polygon([(x + sh * 0.3, top + s * 0.3), (x + sh, top + s * 0.4), (x + sh * 1.03, bot),
               (x + sh * 0.45, bot)], fill=shade(jacket, 0.8))
    d.polygon([(x - s * 0.3, top - s * 0.05), (x + s * 0.3, top - s * 0.05), (x, top + s * 1.05)],
              fill=shirt)
    d.line([(x - s * 0.3, top - s * 0.05), (x - s * 0.05, top + s * 1.2)], fill=shade(jacket, 0.6), width=1)
    d.line([(x + s * 0.3, top - s * 0.05), (x + s * 0.05, top + s * 1.2)], fill=shade(jacket, 0.6), width=1)
    if tie:
        d.polygon([(x - s * 0.06, top), (x + s * 0.06, top), (x + s * 0.1, top + s * 0.8),
                   (x, top + s * 0.95), (x - s * 0.1, top + s * 0.8)], fill=tie)
    if arm:
        ax = x + arm * sh * 0.85
        hx, hy = x + arm * sh * 2.1, top + s * 1.35
        d.line([(ax, top + s * 0.45), (hx, hy)], fill=jacket, width=max(2, int(s * 0.42)))
        d.ellipse([hx - s * 0.16, hy - s * 0.14, hx + s * 0.16, hy + s * 0.14], fill=skin)
    if legs:
        for side in (-1, 1):
            lx0, lx1 = sorted((x + side * sh * 0.08, x + side * sh * 0.78))
            d.rectangle([lx0, bot - 1, lx1, bot + s * 3.1], fill=(34, 34, 40, 255))
            d.ellipse([lx0 - s * 0.1, bot + s * 2.95, lx1 + s * 0.15, bot + s * 3.25], fill=(15, 15, 15, 255))
    d.rectangle([x - s * 0.16, y + s * 0.3, x + s * 0.16, top + s * 0.05], fill=shade(skin, 0.8))
    for side in (-1, 1):
        d.ellipse([x + side * hw - s * 0.07, y - s * 0.1, x + side * hw + s * 0.07, y + s * 0.15],
                  fill=shade(skin, 0.85))
    d.ellipse([x - hw, y - s / 2, x + hw, y + s / 2], fill=shade(skin, 0.84))
    d.ellipse([x - hw * 0.9, y - s * 0.46, x + hw * 0.72, y + s * 0.42], fill=skin)
    d.chord([x - hw * 1.07, y - s * 0.6, x + hw * 1.07, y + s * 0.12], 180, 360, fill=hair)
    d.pieslice([x - hw * 1.07, y - s * 0.6, x + hw * 1.07, y + s * 0.12], 160, 185, fill=hair)
    if s >= 14:
        for side in (-1, 1):
            ex = x + side * hw * 0.45
            d.ellipse([ex - s * 0.05, y - s * 0.04, ex + s * 0.05, y + s * 0.03], fill=(45, 35, 30, 255))
        d.line([(x - s * 0.1, y + s * 0.25), (x + s * 0.1, y + s * 0.25)], fill=shade(skin, 0.7), width=1)


def layer(size, draw_fn, blur=0.7):
    """An RGBA layer drawn by draw_fn (blurred premultiplied), as (rgb float, alpha float)."""
    im = Image.new("RGBA", size, (0, 0, 0, 0))
    draw_fn(ImageDraw.Draw(im))
    if blur:
        im = im.convert("RGBa").filter(ImageFilter.GaussianBlur(blur)).convert("RGBA")
    a = np.asarray(im, np.float32) / 255.0
    return a[..., :3], a[..., 3]


def over(img, rgb, alpha, tex=None, amount=0.0):
    if tex is not None:
        rgb = rgb * (1 + amount * (tex[..., None] - 0.5))
    img *= 1 - alpha[..., None]
    img += rgb * alpha[..., None]
    return img


def fit_text(d, text, box, colour, bold=True):
    """Set one line of Chinese centred in box, as large as fits (falls back to bars)."""
    x0, y0, x1, y1 = box
    path = CJK_BOLD if bold else CJK_FONT
    if not path.exists():
        n = len(text)
        cw = (x1 - x0) / n
        for i in range(n):
            d.rectangle([x0 + cw * (i + 0.12), y0, x0 + cw * (i + 0.88), y1], fill=colour)
        return
    size = int(y1 - y0)
    font = ImageFont.truetype(str(path), size)
    while d.textlength(text, font=font) > x1 - x0 and size > 6:
        size -= 1
        font = ImageFont.truetype(str(path), size)
    d.text(((x0 + x1) / 2, (y0 + y1) / 2), text, font=font, fill=colour, anchor="mm")


# ---------------------------------------------------------------- scenes


def scene_kuangshan(w, h, rng):
    """A restored quarry: terraced, re-greened slopes, village roofs, trees in front."""
    img = vgrad(h, w, (0.40, 0.58, 0.83), (0.83, 0.88, 0.92), 0, 0.45)
    clouds = fbm(rng, h, w, base=3, octaves=7)
    cm = np.clip((clouds - 0.52) * 3.0, 0, 1) * np.clip(1 - np.arange(h)[:, None] / (0.45 * h), 0, 1)
    img = paint(img, cm * 0.9, (0.97, 0.97, 0.98), fbm(rng, h, w, 10, 5), 0.25)
    far = ridge(rng, w, 0.38 * h, 0.05 * h)
    img = paint(img, ridge_mask(h, w, far), (0.56, 0.65, 0.70), fbm(rng, h, w, 20, 5), 0.12)
    mid = ridge(rng, w, 0.43 * h, 0.03 * h)
    img = paint(img, ridge_mask(h, w, mid), (0.40, 0.52, 0.46), fbm(rng, h, w, 30, 5), 0.2)
    x = np.linspace(0, 1, w)
    hill = 0.26 * h + 0.9 * h * (x - 0.58) ** 2 + ridge(rng, w, 0, 0.02 * h, base=6)
    grass = 0.6 * fbm(rng, h, w, 24, 6) + 0.4 * fbm(rng, h, w, 160, 3)
    img = paint(img, ridge_mask(h, w, hill), (0.30, 0.45, 0.22), grass, 0.7)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    face = mask_of((w, h), lambda d: d.polygon(
        [(0.30 * w, 0.74 * h), (0.45 * w, 0.33 * h), (0.72 * w, 0.32 * h), (0.88 * w, 0.74 * h)],
        fill=255), blur=22) * ridge_mask(h, w, hill + 10)
    img = paint(img, face * 0.55, (0.47, 0.60, 0.30), grass, 0.5)  # younger grass on the benches
    frac = ((yy + 0.012 * h * np.sin(xx / w * 9)) / (0.05 * h)) % 1.0
    bench = 0.16 * np.exp(-((frac - 0.12) / 0.04) ** 2) - 0.16 * np.exp(-((frac - 0.24) / 0.07) ** 2)
    img *= (1 + bench * face)[..., None]
    rock = np.clip((fbm(rng, h, w, 12, 6) - 0.64) * 5, 0, 1) * face
    img = paint(img, rock * 0.75, (0.64, 0.60, 0.52), grass, 0.6)
    def shrubs(d):
        for _ in range(1600):
            sx, sy = rng.random() * w, rng.random() * h
            if sy < hill[int(sx)] + 4 or sy > 0.78 * h:
                continue
            r = 2 + 5 * (sy / h)
            g = rng.random()
            blob(d, sx, sy, r, r * 0.8, (int(35 + 30 * g), int(70 + 40 * g), int(25 + 15 * g), 255))
    rgb, a = layer((w, h), shrubs, blur=0.8)
    img = over(img, rgb, a * (1 - 0.6 * face))
    def village(d):
        for i in range(16):
            vx = rng.random() * w
            vy = 0.68 * h + rng.random() * 0.03 * h
            bw, bh = 0.03 * w + rng.random() * 0.03 * w, 0.025 * h + rng.random() * 0.03 * h
            d.rectangle([vx, vy - bh, vx + bw, vy], fill=(232, 228, 218, 255))
            d.rectangle([vx + bw * 0.6, vy - bh, vx + bw, vy], fill=(200, 196, 188, 255))
            d.polygon([(vx - 3, vy - bh), (vx + bw + 3, vy - bh), (vx + bw * 0.8, vy - bh * 1.35),
                       (vx + bw * 0.2, vy - bh * 1.35)], fill=(178, 82, 52, 255))
            for k in range(3):
                d.rectangle([vx + bw * (0.15 + 0.28 * k), vy - bh * 0.65, vx + bw * (0.27 + 0.28 * k),
                             vy - bh * 0.35], fill=(70, 80, 90, 255))
    rgb, a = layer((w, h), village, blur=0.9)
    img = over(img, rgb, a)
    def trees(d):
        pts = sorted((0.66 * h + rng.random() ** 0.8 * 0.38 * h, rng.random() * w) for _ in range(700))
        for ty, tx in pts:
            depth = (ty - 0.66 * h) / (0.34 * h)
            r = (0.008 + 0.045 * depth) * w * (0.6 + 0.6 * rng.random())
            g = rng.random()
            col = (int(28 + 45 * g), int(58 + 62 * g), int(18 + 26 * g), 255)
            d.rectangle([tx - r * 0.08, ty, tx + r * 0.08, ty + r * 0.9], fill=(60, 45, 35, 255))
            for _ in range(3):
                blob(d, tx + rng.normal(0, r * 0.35), ty - rng.random() * r * 0.5, r * 0.7, r * 0.6, col)
    rgb, a = layer((w, h), trees, blur=1.0)
    img = over(img, rgb, a, fbm(rng, h, w, 120, 3), 0.5)
    return finish(img, rng)


def crane(d, x, base_y, top_y, jib_l, jib_r, colour):
    """A tower crane: lattice mast, jib, counter-jib, counterweight, cab, hook line."""
    m = max(6, int((base_y - top_y) * 0.035))
    dark = shade(colour, 0.7)
    d.line([(x - m / 2, base_y), (x - m / 2, top_y)], fill=colour, width=2)
    d.line([(x + m / 2, base_y), (x + m / 2, top_y)], fill=dark, width=2)
    step = m * 1.4
    yy = base_y
    while yy - step > top_y:
        d.line([(x - m / 2, yy), (x + m / 2, yy - step)], fill=dark, width=1)
        d.line([(x + m / 2, yy - step), (x - m / 2, yy - step)], fill=colour, width=1)
        yy -= step
    jy = top_y
    d.rectangle([x - jib_l, jy - m * 0.35, x + jib_r, jy + m * 0.35], fill=colour)
    for jx in range(int(x - jib_l), int(x + jib_r), int(m)):
        d.line([(jx, jy - m * 0.35), (jx + m / 2, jy + m * 0.35)], fill=dark, width=1)
    d.polygon([(x - m / 2, jy), (x + m / 2, jy), (x, jy - m * 3)], fill=colour)
    d.line([(x, jy - m * 3), (x + jib_r * 0.6, jy)], fill=(70, 70, 70, 255), width=1)
    d.line([(x, jy - m * 3), (x - jib_l * 0.8, jy)], fill=(70, 70, 70, 255), width=1)
    d.rectangle([x - jib_l, jy, x - jib_l + m * 2.2, jy + m * 1.8], fill=(120, 120, 118, 255))
    d.rectangle([x + m * 0.6, jy + m * 0.4, x + m * 2.0, jy + m * 1.6], fill=(232, 232, 226, 255))
    d.rectangle([x + m * 0.9, jy + m * 0.6, x + m * 1.8, jy + m * 1.1], fill=(80, 110, 140, 255))
    hx = x + jib_r * 0.55
    d.line([(hx, jy), (hx, jy + (base_y - top_y) * 0.35)], fill=(50, 50, 50, 255), width=1)
    d.rectangle([hx - m * 0.4, jy + (base_y - top_y) * 0.35, hx + m * 0.4,
                 jy + (base_y - top_y) * 0.35 + m * 0.7], fill=(200, 160, 30, 255))


def worker(d, px, py, s, rng):
    hat = [(240, 120, 20), (240, 210, 30), (230, 40, 30), (245, 245, 240), (40, 90, 200)][rng.integers(5)]
    vest = [(240, 110, 30), (210, 220, 40), (60, 80, 120)][rng.integers(3)]
    d.rectangle([px - s * 0.3, py, px + s * 0.3, py + s * 1.1], fill=vest + (255,))
    d.rectangle([px - s * 0.25, py + s * 1.1, px + s * 0.25, py + s * 2.0], fill=(50, 55, 70, 255))
    d.ellipse([px - s * 0.25, py - s * 0.5, px + s * 0.25, py], fill=(190, 150, 120, 255))
    d.chord([px - s * 0.32, py - s * 0.62, px + s * 0.32, py - s * 0.1], 180, 360, fill=hat + (255,))


def scene_ditie(w, h, rng):
    """The vehicle depot under construction: deck on columns, tower cranes, trucks, hoarding."""
    img = vgrad(h, w, (0.58, 0.70, 0.84), (0.87, 0.88, 0.87), 0, 0.55)
    img = paint(img, np.clip(fbm(rng, h, w, 3, 6) - 0.5, 0, 1) * 0.7, (0.96, 0.96, 0.96))
    def town(d):
        x = 0
        while x < w:
            bw = rng.integers(int(0.02 * w), int(0.07 * w))
            bh = rng.integers(int(0.03 * h), int(0.16 * h))
            g = int(rng.integers(168, 205))
            d.rectangle([x, 0.50 * h - bh, x + bw, 0.52 * h], fill=(g, g + 5, g + 12, 255))
            d.rectangle([x + bw * 0.7, 0.50 * h - bh, x + bw, 0.52 * h], fill=(g - 14, g - 9, g - 2, 255))
            for wy in range(int(0.50 * h - bh + 6), int(0.51 * h), 9):
                for wx in range(int(x + 4), int(x + bw - 4), 8):
                    d.rectangle([wx, wy, wx + 3, wy + 4], fill=(g - 30, g - 25, g - 15, 255))
            x += bw + rng.integers(0, int(0.02 * w))
    rgb, a = layer((w, h), town, blur=1.8)
    img = over(img, rgb, a * 0.8)
    tex = 0.6 * fbm(rng, h, w, 30, 6) + 0.4 * fbm(rng, h, w, 250, 2)
    img = paint(img, ridge_mask(h, w, ridge(rng, w, 0.56 * h, 0.008 * h)), (0.58, 0.48, 0.37), tex, 0.6)
    def ground(d):
        for _ in range(14):  # tyre tracks
            x0 = rng.random() * w
            pts = [(x0 + (rng.random() - 0.5) * 0.3 * w * t, 0.6 * h + t * 0.45 * h)
                   for t in np.linspace(0, 1, 8)]
            d.line(pts, fill=(95, 75, 58, 120), width=int(4 + 6 * rng.random()), joint="curve")
        for _ in range(6):  # puddles reflecting the sky
            px, py = rng.random() * w, (0.68 + 0.25 * rng.random()) * h
            rx = 0.02 * w + 0.04 * w * rng.random()
            d.ellipse([px - rx, py - rx * 0.12, px + rx, py + rx * 0.12], fill=(150, 165, 180, 220))
        for _ in range(5):  # gravel heaps
            px, py = rng.random() * w, (0.62 + 0.2 * rng.random()) * h
            r = 0.03 * w + 0.03 * w * rng.random()
            d.chord([px - r, py - r * 0.6, px + r, py + r * 0.6], 180, 360, fill=(150, 140, 125, 255))
    rgb, a = layer((w, h), ground, blur=2.0)
    img = over(img, rgb, a, tex, 0.5)
    def deck(d):
        d.rectangle([0.06 * w, 0.47 * h, 0.78 * w, 0.53 * h], fill=(182, 180, 174, 255))
        d.rectangle([0.06 * w, 0.515 * h, 0.78 * w, 0.53 * h], fill=(140, 138, 133, 255))
        d.polygon([(0.70 * w, 0.47 * h), (0.97 * w, 0.40 * h), (0.99 * w, 0.45 * h),
                   (0.78 * w, 0.53 * h)], fill=(166, 164, 159, 255))
        d.rectangle([0.06 * w, 0.53 * h, 0.78 * w, 0.66 * h], fill=(92, 88, 84, 150))  # shadow under deck
        for i in range(19):
            cx = 0.08 * w + i * 0.037 * w
            d.rectangle([cx, 0.53 * h, cx + 0.012 * w, 0.66 * h], fill=(170, 168, 162, 255))
            d.rectangle([cx + 0.007 * w, 0.53 * h, cx + 0.012 * w, 0.66 * h], fill=(130, 128, 123, 255))
        d.rectangle([0.06 * w, 0.655 * h, 0.78 * w, 0.675 * h], fill=(146, 144, 138, 255))
        for i in range(6):  # formwork and scaffolding on the next floor
            sx = 0.10 * w + i * 0.11 * w
            d.rectangle([sx, 0.40 * h, sx + 0.07 * w, 0.47 * h], fill=(190, 125, 70, 255))
            for gx in range(int(sx), int(sx + 0.07 * w), 7):
                d.line([(gx, 0.395 * h), (gx, 0.47 * h)], fill=(60, 80, 120, 255), width=1)
            for gy in range(int(0.40 * h), int(0.47 * h), 9):
                d.line([(sx, gy), (sx + 0.07 * w, gy)], fill=(60, 80, 120, 255), width=1)
        for i in range(320):  # rebar starter bars
            rx = 0.06 * w + rng.random() * 0.72 * w
            d.line([(rx, 0.47 * h), (rx, 0.452 * h)], fill=(90, 62, 45, 255), width=1)
        for i in range(8):  # prefab site offices, blue roofs
            bx, by = 0.80 * w + (i % 4) * 0.05 * w, 0.60 * h + (i // 4) * 0.035 * h
            d.rectangle([bx, by - 0.03 * h, bx + 0.048 * w, by], fill=(236, 236, 232, 255))
            d.rectangle([bx - 2, by - 0.034 * h, bx + 0.048 * w + 2, by - 0.03 * h], fill=(40, 90, 170, 255))
            for k in range(3):
                d.rectangle([bx + 0.006 * w + k * 0.014 * w, by - 0.022 * h, bx + 0.014 * w + k * 0.014 * w,
                             by - 0.012 * h], fill=(90, 120, 150, 255))
    rgb, a = layer((w, h), deck, blur=0.6)
    img = over(img, rgb, a, fbm(rng, h, w, 60, 5), 0.3)
    def machines(d):
        crane(d, 0.22 * w, 0.47 * h, 0.10 * h, 0.10 * w, 0.24 * w, (225, 190, 30, 255))
        crane(d, 0.55 * w, 0.47 * h, 0.06 * h, 0.09 * w, 0.20 * w, (230, 200, 40, 255))
        crane(d, 0.88 * w, 0.42 * h, 0.16 * h, 0.07 * w, 0.10 * w, (205, 60, 40, 255))
        for i in range(4):
            tx, ty = (0.06 + 0.2 * i + 0.04 * rng.random()) * w, (0.73 + 0.06 * (i % 3)) * h
            s = 0.05 * w * (0.8 + 0.3 * (ty / h - 0.73) / 0.1)
            d.ellipse([tx - s * 0.1, ty - s * 0.08, tx + s * 2.0, ty + s * 0.1], fill=(40, 32, 26, 120))
            d.polygon([(tx, ty - s * 0.2), (tx + s * 1.4, ty - s * 0.2), (tx + s * 1.35, ty - s * 0.62),
                       (tx + s * 0.05, ty - s * 0.62)], fill=(196, 150, 40, 255))  # dump body
            d.rectangle([tx, ty - s * 0.25, tx + s * 1.85, ty - s * 0.1], fill=(60, 60, 60, 255))
            d.rectangle([tx + s * 1.4, ty - s * 0.62, tx + s * 1.85, ty - s * 0.12], fill=(210, 60, 45, 255))
            d.rectangle([tx + s * 1.5, ty - s * 0.56, tx + s * 1.8, ty - s * 0.38], fill=(110, 140, 170, 255))
            for wx in (tx + s * 0.3, tx + s * 0.65, tx + s * 1.6):
                d.ellipse([wx - s * 0.14, ty - s * 0.2, wx + s * 0.14, ty + s * 0.08], fill=(25, 25, 25, 255))
                d.ellipse([wx - s * 0.06, ty - s * 0.12, wx + s * 0.06, ty], fill=(120, 120, 120, 255))
        for _ in range(70):  # workers on the deck
            worker(d, 0.07 * w + rng.random() * 0.7 * w, 0.452 * h, 4, rng)
        for _ in range(35):  # and on the ground
            px, py = rng.random() * 0.78 * w, (0.62 + 0.3 * rng.random()) * h
            worker(d, px, py, 4 + 12 * (py / h - 0.6), rng)
        for k in range(int(w / 30) + 1):  # blue-and-white site hoarding in front
            x0 = k * 30
            d.rectangle([x0, 0.935 * h, x0 + 29, h], fill=(40, 95, 175, 255))
            d.rectangle([x0, 0.955 * h, x0 + 29, 0.965 * h], fill=(240, 240, 240, 255))
            d.line([(x0, 0.935 * h), (x0, h)], fill=(30, 70, 130, 255), width=1)
    rgb, a = layer((w, h), machines, blur=0.55)
    img = over(img, rgb, a)
    yy = np.mgrid[0:h, 0:w][0].astype(np.float32)
    dust = np.clip((yy / h - 0.5) * 4, 0, 1) * np.clip(1.2 - yy / h, 0, 1) * 0.2
    img = paint(img, dust * fbm(rng, h, w, 6, 4), (0.86, 0.81, 0.73))
    return finish(img, rng, vignette=0.2)


def red_screen(img, rng, w, h, y0, y1, lines):
    """The red LED backdrop of a ceremony with its slogan lines in yellow."""
    scr = vgrad(h, w, (0.80, 0.11, 0.10), (0.56, 0.05, 0.07), y0, y1)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    rays = 0.5 + 0.5 * np.cos(np.arctan2(yy - y0 * h, xx - 0.5 * w) * 22)
    glow = np.exp(-(((xx - 0.5 * w) / (0.4 * w)) ** 2 + ((yy - y0 * h) / (0.5 * h)) ** 2))
    scr *= (0.9 + 0.08 * rays + 0.15 * glow)[..., None]
    pixel = (((xx.astype(int) // 3) + (yy.astype(int) // 3)) % 2) * 0.04  # LED grid
    scr *= (1 - pixel)[..., None]
    m = mask_of((w, h), lambda d: d.rectangle([0, y0 * h, w, y1 * h], fill=255), 0)
    img = img * (1 - m[..., None]) + scr * m[..., None]
    def text(d):
        span = (y1 - y0) * h
        for i, (t, frac) in enumerate(lines):
            top = y0 * h + span * (0.08 + 0.17 * i)
            fit_text(d, t, (0.10 * w, top, 0.90 * w, top + span * frac), (252, 226, 120, 255))
    rgb, a = layer((w, h), text, blur=max(1.0, w / 900))
    return over(img, rgb, a)


def audience(img, rng, w, h, rows, y_top, size):
    """Backs of heads in the foreground, out of focus."""
    def heads(d):
        for r in range(rows):
            y = y_top + r * size * 0.9
            x = -rng.random() * size
            while x < w + size:
                s = size * (0.9 + 0.3 * rng.random()) * (1 + 0.25 * r)
                jc = [(30, 35, 50), (60, 60, 65), (205, 205, 210), (40, 45, 40), (120, 40, 40)][rng.integers(5)]
                d.rounded_rectangle([x - s * 0.95, y + s * 0.4, x + s * 0.95, y + s * 2.2],
                                    radius=int(s * 0.35), fill=jc + (255,))
                g = int(rng.integers(18, 40))
                blob(d, x, y, s * 0.4, s * 0.5, (g, int(g * 0.85), int(g * 0.75), 255))
                x += s * (1.3 + 0.5 * rng.random())
    rgb, a = layer((w, h), heads, blur=w / 200)
    return over(img, rgb, a)


def stage_flowers(d, rng, x0, x1, y, r):
    for _ in range(int((x1 - x0) / r * 3)):
        fx, fy = x0 + rng.random() * (x1 - x0), y + rng.normal(0, r * 0.6)
        c = [(225, 40, 55, 255), (248, 200, 40, 255), (45, 115, 45, 255), (35, 95, 40, 255)][rng.integers(4)]
        blob(d, fx, fy, r, r * 0.85, c)


SLOGAN = [("新思想耀八闽 “福小宣”在身边", 0.14), ("学习宣传党的二十大精神百场宣讲活动", 0.11),
          ("启动仪式", 0.10)]


def scene_speech(w, h, rng):
    """A speaker at a lectern before the red backdrop of the launch ceremony."""
    img = vgrad(h, w, (0.28, 0.25, 0.23), (0.18, 0.15, 0.14))
    img = red_screen(img, rng, w, h, 0.04, 0.72, SLOGAN)
    floor = mask_of((w, h), lambda d: d.rectangle([0, 0.72 * h, w, h], fill=255), 0)
    img = paint(img, floor, (0.42, 0.12, 0.12), fbm(rng, h, w, 120, 3), 0.35)
    def stage(d):
        d.ellipse([0.40 * w, 0.84 * h, 0.72 * w, 0.90 * h], fill=(30, 10, 10, 140))
        person(d, 0.56 * w, 0.49 * h, 0.075 * h, (34, 37, 48, 255), skin=SKINS[1], tie=(150, 30, 35, 255))
        d.polygon([(0.455 * w, 0.62 * h), (0.665 * w, 0.62 * h), (0.65 * w, 0.87 * h), (0.47 * w, 0.87 * h)],
                  fill=(122, 74, 42, 255))
        d.polygon([(0.60 * w, 0.62 * h), (0.665 * w, 0.62 * h), (0.65 * w, 0.87 * h), (0.61 * w, 0.87 * h)],
                  fill=(96, 57, 32, 255))
        d.rectangle([0.445 * w, 0.605 * h, 0.675 * w, 0.632 * h], fill=(92, 54, 30, 255))
        d.ellipse([0.535 * w, 0.69 * h, 0.585 * w, 0.755 * h], fill=(215, 172, 64, 255))
        d.ellipse([0.545 * w, 0.703 * h, 0.575 * w, 0.742 * h], fill=(200, 40, 40, 255))
        d.line([(0.52 * w, 0.607 * h), (0.54 * w, 0.545 * h)], fill=(20, 20, 20, 255), width=3)
        d.ellipse([0.534 * w, 0.532 * h, 0.548 * w, 0.552 * h], fill=(20, 20, 20, 255))
        stage_flowers(d, rng, 0.47 * w, 0.65 * w, 0.625 * h, 0.007 * w)
    rgb, a = layer((w, h), stage, blur=0.8)
    img = over(img, rgb, a, fbm(rng, h, w, 60, 4), 0.2)
    img = audience(img, rng, w, h, 1, 0.92 * h, 0.09 * h)
    return finish(img, rng, vignette=0.35)


def scene_flag(w, h, rng):
    """Leaders present flags to the lecture teams on stage."""
    img = vgrad(h, w, (0.28, 0.25, 0.23), (0.18, 0.15, 0.14))
    img = red_screen(img, rng, w, h, 0.03, 0.62, SLOGAN[:2])
    floor = mask_of((w, h), lambda d: d.rectangle([0, 0.62 * h, w, h], fill=255), 0)
    img = paint(img, floor, (0.48, 0.14, 0.13), fbm(rng, h, w, 120, 3), 0.35)
    s = 0.05 * h
    def people(d):
        for i in range(4):
            x = 0.16 * w + i * 0.22 * w + rng.normal(0, 0.01 * w)
            d.ellipse([x - 0.1 * w, 0.60 * h, x + 0.1 * w, 0.64 * h], fill=(30, 8, 8, 120))
            person(d, x - 0.05 * w, 0.33 * h + rng.normal(0, 2), s * (0.95 + 0.1 * rng.random()),
                   (34, 37, 48, 255), skin=SKINS[rng.integers(4)], tie=(150, 30, 35, 255), legs=True, arm=1)
            jacket = [(236, 236, 230, 255), (60, 64, 72, 255), (180, 40, 40, 255)][i % 3]
            person(d, x + 0.05 * w, 0.335 * h + rng.normal(0, 2), s * (0.92 + 0.1 * rng.random()), jacket,
                   skin=SKINS[rng.integers(4)], shirt=(240, 240, 236, 255), legs=True, arm=-1)
    rgb, a = layer((w, h), people, blur=0.9)
    img = over(img, rgb, a, fbm(rng, h, w, 50, 4), 0.15)
    def flags(d):
        for i in range(4):
            x = 0.16 * w + i * 0.22 * w - 0.03 * w
            d.line([(x, 0.355 * h), (x, 0.56 * h)], fill=(205, 175, 90, 255), width=4)
            d.polygon([(x, 0.37 * h), (x + 0.062 * w, 0.375 * h), (x + 0.058 * w, 0.475 * h),
                       (x, 0.47 * h)], fill=(214, 26, 32, 255))
            d.line([(x, 0.47 * h), (x + 0.058 * w, 0.475 * h)], fill=(245, 205, 70, 255), width=5)
            fit_text(d, "宣讲队", (x + 0.008 * w, 0.395 * h, x + 0.054 * w, 0.435 * h), (250, 215, 80, 255))
    rgb, a = layer((w, h), flags, blur=0.8)
    xx = np.mgrid[0:h, 0:w][1].astype(np.float32)
    rgb = rgb * (1 + 0.12 * np.sin(xx / (0.012 * w)))[..., None]  # folds in the cloth
    img = over(img, rgb, a)
    def front(d):
        stage_flowers(d, rng, 0.0, w, 0.64 * h, 0.01 * w)
    rgb, a = layer((w, h), front, blur=1.2)
    img = over(img, rgb, a)
    img = audience(img, rng, w, h, 2, 0.80 * h, 0.085 * h)
    return finish(img, rng, vignette=0.3)


def scene_meeting(w, h, rng):
    """An enlarged committee meeting: long table in perspective, red banner, downlights."""
    img = vgrad(h, w, (0.92, 0.90, 0.86), (0.78, 0.72, 0.62), 0, 0.55)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    panels = 0.5 + 0.5 * np.sin(xx / (0.035 * w) * 2 * np.pi)
    img *= (0.95 + 0.05 * panels * (yy > 0.22 * h))[..., None]
    img = paint(img, (yy > 0.22 * h) * 0.35, (0.66, 0.50, 0.34), fbm(rng, h, w, 90, 3), 0.3)
    for cx in (0.2, 0.4, 0.6, 0.8):  # ceiling downlights with glow
        r2 = ((xx - cx * w) ** 2 + ((yy - 0.03 * h) * 2.2) ** 2) / (0.04 * w) ** 2
        img += (0.35 * np.exp(-r2))[..., None]
    banner = mask_of((w, h), lambda d: d.rectangle([0.12 * w, 0.10 * h, 0.88 * w, 0.19 * h], fill=255), 1)
    img = paint(img, banner, (0.74, 0.08, 0.08), fbm(rng, h, w, 60, 3), 0.15)
    def text(d):
        fit_text(d, "中共漳州高新区党工委委员（扩大）会议", (0.15 * w, 0.118 * h, 0.85 * w, 0.172 * h),
                 (252, 232, 160, 255))
    rgb, a = layer((w, h), text, blur=1.4)
    img = over(img, rgb, a)
    img = paint(img, mask_of((w, h), lambda d: d.rectangle([0, 0.52 * h, w, h], fill=255), 0),
                (0.40, 0.30, 0.26), fbm(rng, h, w, 40, 6), 0.4)
    vx = 0.5 * w
    def table(d):
        d.polygon([(0.02 * w, h), (0.98 * w, h), (0.56 * w, 0.47 * h), (0.44 * w, 0.47 * h)],
                  fill=(104, 62, 36, 255))
        d.polygon([(0.30 * w, h), (0.70 * w, h), (0.515 * w, 0.48 * h), (0.485 * w, 0.48 * h)],
                  fill=(128, 80, 48, 255))  # sheen along the table
        seats = []
        for side in (-1, 1):
            for k in range(9):
                t = ((k + 0.5) / 9) ** 1.6
                seats.append((t, side))
        for t, side in sorted(seats):
            y = 0.47 * h + t * 0.53 * h
            xe = vx + side * (0.06 * w + t * 0.44 * w)
            s = 0.018 * h + t * 0.11 * h
            px = xe + side * s * 0.95
            d.rounded_rectangle([px - s * 1.15, y - s * 2.1, px + s * 1.15, y + s * 0.5],
                                radius=int(s * 0.4), fill=(52, 30, 22, 255))  # chair back
            jc = [(30, 33, 45, 255), (45, 45, 52, 255), (232, 232, 226, 255)][int(t * 97 + side) % 3]
            person(d, px, y - s * 1.2, s, jc, skin=SKINS[int(t * 53) % 4], tie=(120, 30, 40, 255))
            cx = xe - side * s * 0.6
            d.polygon([(cx - s * 0.6, y - s * 0.05), (cx + s * 0.5, y - s * 0.1), (cx + s * 0.65, y + s * 0.35),
                       (cx - s * 0.45, y + s * 0.4)], fill=(246, 246, 242, 255))  # papers
            d.rectangle([xe - side * s * 1.5 - s * 0.42, y - s * 0.45, xe - side * s * 1.5 + s * 0.42,
                         y - s * 0.12], fill=(250, 250, 246, 255))  # name card
            d.line([(xe - side * s * 1.5 - s * 0.3, y - s * 0.3), (xe - side * s * 1.5 + s * 0.3, y - s * 0.3)],
                   fill=(60, 60, 60, 255), width=max(1, int(s * 0.06)))
            ux = xe - side * s * 2.3
            d.rectangle([ux - s * 0.15, y - s * 0.45, ux + s * 0.15, y], fill=(235, 238, 242, 255))  # tea cup
            d.ellipse([ux - s * 0.19, y - s * 0.52, ux + s * 0.19, y - s * 0.4], fill=(210, 214, 220, 255))
            d.line([(xe - side * s * 0.2, y - s * 0.1), (xe - side * s * 0.55, y - s * 1.0)],
                   fill=(20, 20, 20, 255), width=max(1, int(s * 0.06)))  # gooseneck microphone
        for _ in range(90):  # green plants down the middle
            t = rng.random() ** 1.5
            fx = vx + rng.normal(0, 0.004 + 0.02 * t) * w
            fy = 0.48 * h + t * 0.3 * h
            r = 0.004 * w + t * 0.014 * w
            c = [(40, 110, 45, 255), (30, 90, 40, 255), (60, 130, 50, 255), (220, 50, 60, 255)][rng.integers(4)]
            blob(d, fx, fy, r, r * 0.8, c)
    rgb, a = layer((w, h), table, blur=0.9)
    img = over(img, rgb, a, fbm(rng, h, w, 60, 4), 0.2)
    return finish(img, rng, vignette=0.3)


SCENES = {
    "kuangshan-standin.jpg": scene_kuangshan,
    "ditie-standin.jpg": scene_ditie,
    "xuanjiang-speech-standin.jpg": scene_speech,
    "xuanjiang-flag-standin.jpg": scene_flag,
    "kuoda-huiyi-standin.jpg": scene_meeting,
}


# ---------------------------------------------------------------- label, colour, output


def label(img):
    """A small 'STAND-IN 示意图' tag in the bottom-right corner, drawn on the CMYK image in
    100 % K on a paper-white box (so the tag adds no CMY ink)."""
    w, h = img.size
    size = max(16, h // 38)
    d = ImageDraw.Draw(img)
    latin = ImageFont.load_default(size=size)
    cjk = ImageFont.truetype(str(CJK_FONT), size) if CJK_FONT.exists() else None
    parts = [("STAND-IN ", latin)] + ([("示意图", cjk)] if cjk else [])
    widths = [d.textlength(t, font=f) for t, f in parts]
    pad = size // 3
    x1, y1 = w - size, h - size
    x0, y0 = x1 - sum(widths) - 2 * pad, y1 - size - 2 * pad
    d.rectangle([x0, y0, x1, y1], fill=(0, 0, 0, 0))
    x = x0 + pad
    for (t, f), tw in zip(parts, widths):
        d.text((x, y1 - pad), t, font=f, fill=(0, 0, 0, 255), anchor="ls")
        x += tw
    return img


def to_cmyk(rgb_img):
    """RGB -> CMYK as Pillow's convert('CMYK') does (C = 1 - R, K = 0), then grey component
    replacement into K and a total-ink clamp (CMY scaled down under the limit)."""
    cmy = np.asarray(rgb_img.convert("CMYK"), np.float32)[..., :3] / 255.0
    k = GCR * cmy.min(axis=-1)
    cmy = (cmy - k[..., None]) / np.maximum(1 - k[..., None], 1e-6)
    total = cmy.sum(-1) + k
    room = np.clip(INK_TARGET - k, 0, None)
    scale = np.where(total > INK_TARGET, room / np.maximum(cmy.sum(-1), 1e-6), 1.0)
    cmy *= scale[..., None]
    out = np.concatenate([cmy, k[..., None]], -1)
    return Image.fromarray(np.round(np.clip(out, 0, 1) * 255).astype(np.uint8), "CMYK")


def save_limited(cmyk, path):
    """Save as JPEG; where decoding shows total ink over the limit (JPEG ringing), pull the
    source CMY down by the excess (spread a little) and save again."""
    src = np.asarray(cmyk, np.float32) / 255.0
    for _ in range(8):
        img = Image.fromarray(np.round(np.clip(src, 0, 1) * 255).astype(np.uint8), "CMYK")
        for quality in (85, 83, 81, 79):  # ~85, lower only to stay under MAX_KB
            img.save(path, "JPEG", quality=quality, optimize=True)  # no dpi: Pillow would add a JFIF marker
            if path.stat().st_size <= MAX_KB * 1024:
                break
        back = np.asarray(Image.open(path), np.float32) / 255.0
        excess = np.clip(back.sum(-1) - (INK_LIMIT - 0.01), 0, None)
        if excess.max() <= 0:
            return back, quality
        spread = np.asarray(Image.fromarray(excess, "F").filter(ImageFilter.MaxFilter(5)))
        cmy = src[..., :3].sum(-1)
        src[..., :3] *= (1 - np.clip(2 * spread / np.maximum(cmy, 1e-6), 0, 0.5))[..., None]
    return back, quality


def main():
    for name, (w, h, seed, placed_mm) in IMAGES.items():
        rng = np.random.default_rng(seed)
        arr = SCENES[name](w, h, rng)
        rgb = Image.fromarray(np.round(arr * 255).astype(np.uint8), "RGB")
        path = HERE / name
        back, quality = save_limited(label(to_cmyk(rgb)), path)
        ink = back.sum(-1) * 100
        kb = path.stat().st_size / 1024
        ppi = w / (placed_mm / 25.4)
        print(f"{name}: {w}x{h} px, {kb:.0f} KB (q{quality}), {ppi:.0f} ppi at {placed_mm} mm wide, "
              f"max total ink {ink.max():.1f} % (99.9th pct {np.percentile(ink, 99.9):.1f} %)")
        assert ink.max() <= INK_LIMIT * 100, f"{name}: ink over limit"
        assert kb < MAX_KB, f"{name}: file too large"


if __name__ == "__main__":
    main()
