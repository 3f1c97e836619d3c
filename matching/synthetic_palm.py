"""Synthetic near-infrared palm images, generated procedurally.

Why: the real palm-vein captures are licensed and may not enter the repository, yet tests, demos and
benchmarks of the matching code need images that behave like them: a bright hand entering from the right
edge of a dark frame (as in CASIA-MS 940 nm captures), spread fingers with dark valleys between them,
and a vein pattern that belongs to one identity and moves with the hand from sample to sample. Every
function here is deterministic in its arguments so that a failing test can be replayed exactly.

Only numpy, OpenCV and the standard library are used: ``matching`` is a library that must not depend on
the rest of the project.
"""

from __future__ import annotations

import functools
import math

import cv2
import numpy as np
import numpy.typing as npt

FloatImage = npt.NDArray[np.float32]
ByteImage = npt.NDArray[np.uint8]
Points = npt.NDArray[np.float64]

_REF_HEIGHT = 576.0  # the hand geometry below is written in pixels of a 768×576 capture
_SUBPIXEL = 4  # fractional bits handed to OpenCV's polygon filling, for smooth anti-aliased edges


def _check_seed(**values: int) -> None:
    """Seeds feed ``np.random.default_rng``, which rejects negative integers; fail with a clear message."""
    for name, value in values.items():
        if value < 0:
            raise ValueError(f"{name} must be >= 0, got {value}")


# --------------------------------------------------------------------------------------------- veins


def _walk(
    rng: np.random.Generator, start: Points, heading: float, length: float, step: float, limit: float
) -> Points:
    """A random walk with momentum: the turning rate itself drifts, so paths curve smoothly like vessels
    rather than zig-zag. Stops when it leaves the ``limit``-sized canvas (one step of margin) or at length."""
    noise = rng.normal(0.0, 0.026, max(2, int(length / step)))
    headings = np.empty_like(noise)
    turn = 0.0
    for i, kick in enumerate(noise.tolist()):
        turn = 0.85 * turn + kick
        heading += turn
        headings[i] = heading
    steps = step * np.stack([np.cos(headings), np.sin(headings)], axis=1)
    points = np.vstack([start, start + np.cumsum(steps, axis=0)])
    outside = np.flatnonzero(((points < -step) | (points > limit + step)).any(axis=1))
    return points[: outside[0] + 1] if len(outside) else points


def _draw_vein(canvas: ByteImage, path: Points, width: float, value: int) -> None:
    """Draw a path as a vessel that tapers to 60 % of its starting width (drawn in four chunks)."""
    chunks = np.array_split(np.arange(len(path)), 4)
    for k, idx in enumerate(chunks):
        if len(idx) == 0:
            continue
        seg = path[max(0, idx[0] - 1) : idx[-1] + 1]
        thickness = max(1, round(width * (1.0 - 0.4 * k / 3.0)))
        pts = np.round(seg * (1 << _SUBPIXEL)).astype(np.int32).reshape(-1, 1, 2)
        cv2.polylines(canvas, [pts], False, value, thickness, cv2.LINE_AA, _SUBPIXEL)


@functools.lru_cache(maxsize=64)
def _vein_cached(identity: int, size: int) -> FloatImage:
    """The pattern is the costly part of a hand image and identical for every sample; cache it read-only."""
    rng = np.random.default_rng([identity, 11])
    s = size / 256.0
    step = 3.0 * s
    out = np.zeros((size, size), np.float32)
    for _ in range(int(rng.integers(5, 10))):
        # Main veins enter on the wrist side (right half of the border; the hand maps +x to the wrist)
        # and fan out towards the finger side, crossing the palm centre that a region-of-interest crop keeps.
        side, t = int(rng.integers(0, 3)), rng.uniform(0.05, 0.95) * size
        across = 0.5 * size + t / 2.0
        start = np.array([(across, 0.0), (size - 1.0, t), (across, size - 1.0)][side])
        target = np.array([rng.uniform(0.0, 0.4), rng.uniform(0.1, 0.9)]) * size
        heading = math.atan2(target[1] - start[1], target[0] - start[0]) + rng.normal(0.0, 0.2)
        main = _walk(rng, start, heading, rng.uniform(0.8, 1.4) * size, step, size)
        width = rng.uniform(3.5, 6.0) * s
        canvas = np.zeros((size, size), np.uint8)
        _draw_vein(canvas, main, width, int(rng.integers(170, 256)))
        for _ in range(int(rng.integers(1, 4))):
            at = int(rng.integers(len(main) // 5, max(len(main) // 5 + 1, 4 * len(main) // 5)))
            seg = main[max(at, 1)] - main[max(at, 1) - 1]
            turn = math.radians(rng.uniform(25.0, 60.0)) * (1 if rng.random() < 0.5 else -1)
            heading = math.atan2(seg[1], seg[0]) + turn
            branch = _walk(rng, main[at], heading, rng.uniform(0.3, 0.6) * size, step, size)
            thin = max(2.0 * s, width * rng.uniform(0.5, 0.75))
            _draw_vein(canvas, branch, thin, int(rng.integers(150, 230)))
        np.maximum(out, canvas.astype(np.float32) / 255.0, out=out)
    soft = np.clip(cv2.GaussianBlur(out, (0, 0), 0.9 * s), 0.0, 1.0).astype(np.float32)
    soft.flags.writeable = False
    return soft


def vein_pattern(identity: int, size: int = 256) -> np.ndarray:
    """float32 image in [0, 1] of one identity's branching vein pattern (1 = vein), deterministic in identity.

    Five to nine main veins, each branching one to three times, drawn as tapering smooth random walks
    (2–6 px wide at size 256) and softened with a Gaussian, so that matching code sees vessel-like ridges
    rather than hard strokes. Different identities draw from independent random streams, which makes their
    patterns essentially uncorrelated.
    """
    _check_seed(identity=identity)
    if size < 16:
        raise ValueError(f"size must be >= 16, got {size}")
    return _vein_cached(identity, size).copy()


# --------------------------------------------------------------------------------------------- hand


@functools.lru_cache(maxsize=64)
def _palm_veins(identity: int) -> FloatImage:
    """The 256² pattern faded to zero towards a circle's rim, so that when it is laid on the palm no
    straight edge of the square shows."""
    size = 256
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    r = np.hypot(xx - size / 2, yy - size / 2) / (size / 2)
    window = np.clip((1.0 - r) / 0.35, 0.0, 1.0) ** 2
    out: FloatImage = (_vein_cached(identity, size) * window).astype(np.float32)
    out.flags.writeable = False
    return out


def _smooth_field(rng: np.random.Generator, width: int, height: int, cells: tuple[int, int]) -> FloatImage:
    """Zero-mean, roughly unit-range low-frequency noise: a few random values upsampled smoothly. Cheap
    stand-in for uneven illumination and skin thickness."""
    coarse = rng.uniform(-1.0, 1.0, (cells[1], cells[0])).astype(np.float32)
    mid = cv2.resize(coarse, (max(1, width // 8), max(1, height // 8)), interpolation=cv2.INTER_CUBIC)
    return np.asarray(cv2.resize(mid, (width, height), interpolation=cv2.INTER_LINEAR), dtype=np.float32)


def _normal(angle_deg: float) -> Points:
    """Unit vector 90° clockwise (on screen) from the direction ``angle_deg``; for 180° it points up."""
    a = math.radians(angle_deg)
    return np.array([-math.sin(a), math.cos(a)])


def _capsule(base: Points, angle_deg: float, length: float, width: float, taper: float) -> Points:
    """Convex outline of a finger: a trapezoid from ``base`` along the angle, ending in a round tip. It starts
    40 px behind the base so that it merges into the palm without a seam."""
    a = math.radians(angle_deg)
    d, n = np.array([math.cos(a), math.sin(a)]), _normal(angle_deg)
    tip_w = width * taper
    tip_c = base + d * (length - tip_w / 2.0)
    back = base - d * 40.0
    arc = np.linspace(-math.pi / 2.0, math.pi / 2.0, 15)
    cap = tip_c + (tip_w / 2.0) * (np.outer(np.cos(arc), d) + np.outer(np.sin(arc), n))
    return np.vstack([back - n * width / 2.0, cap, back + n * width / 2.0])[::-1]


def _ellipse(center: tuple[float, float], axes: tuple[float, float], angle: float, power: float) -> Points:
    """Convex (super-)ellipse outline; ``power`` > 2 squares it off like a palm."""
    t = np.linspace(0.0, 2.0 * math.pi, 48, endpoint=False)
    c, s = np.cos(t), np.sin(t)
    x = axes[0] * np.sign(c) * np.abs(c) ** (2.0 / power)
    y = axes[1] * np.sign(s) * np.abs(s) ** (2.0 / power)
    a = math.radians(angle)
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    return np.asarray(np.stack([x, y], axis=1) @ rot.T + np.array(center), dtype=np.float64)


def _hand_outline(
    identity: int, sample_rng: np.random.Generator, fingers: str, thumb: float | None = None
) -> list[Points]:
    """Convex pieces whose union is the hand, in hand coordinates (reference pixels, palm centre at the
    origin, fingers towards -x). Angles are in image convention (y down): 180° points left."""
    rng = np.random.default_rng([identity, 3])
    ps = rng.uniform(0.94, 1.06)  # palm size
    lengths = np.array([170.0, 225.0, 245.0, 220.0]) * rng.uniform(0.95, 1.05, 4) * ps
    widths = np.array([56.0, 64.0, 68.0, 66.0]) * rng.uniform(0.94, 1.06, 4) * ps
    base_x = np.array([-100.0, -122.0, -130.0, -120.0]) * ps
    if fingers == "spread":
        # little, ring, middle, index from top to bottom, fanned out as in a relaxed open hand
        base_y = np.array([-124.0, -46.0, 30.0, 102.0]) * ps
        jitter = rng.normal(0.0, 2.0, 4) + sample_rng.normal(0.0, 2.0, 4)  # per identity, per sample
        angles = np.array([208.0, 191.0, 178.0, 167.0]) + jitter
        taper = 0.86
    elif fingers == "closed":
        # Parallel, untapered and overlapping by a few pixels: no valley reaches between the fingers.
        centres = np.concatenate([[0.0], np.cumsum((widths[:-1] + widths[1:]) / 2.0 - 6.0)])
        base_y = centres - centres.mean() - 6.0 * ps
        angles = np.full(4, 180.0) + sample_rng.normal(0.0, 0.5)
        taper = 1.0
    else:
        raise ValueError(f"fingers must be 'spread' or 'closed', got {fingers!r}")
    bases = np.stack([base_x, base_y], axis=1)
    thumb_base, thumb_angle = np.array([10.0, 120.0]) * ps, 138.0 + rng.normal(0.0, 3.0)
    if thumb is not None:  # degrees the thumb is spread beyond its usual pose (negative: tucked in)
        thumb_angle -= thumb
    thumb_len, thumb_w = 185.0 * ps, 70.0 * ps
    # Palm and heel are convex hulls that include the outer edges of the little finger, the index finger
    # and the thumb, so the silhouette runs smoothly into them: the only deep concavities of a hand
    # are then its finger valleys and the thumb web, as in a real open hand.
    roots = [bases[i] + s * widths[i] / 2.0 * _normal(float(angles[i])) for i, s in ((0, 1.0), (3, -1.0))]
    palm = np.vstack([_ellipse((0.0, 0.0), (155.0 * ps, 152.0 * ps), 0.0, 2.8), *roots])
    a = math.radians(thumb_angle)
    thumb_edge = thumb_base + 0.35 * thumb_len * np.array([math.cos(a), math.sin(a)])
    thumb_edge -= thumb_w / 2.0 * _normal(thumb_angle)
    heel = np.vstack([_ellipse((30.0 * ps, 88.0 * ps), (120.0 * ps, 66.0 * ps), -30.0, 2.0), thumb_edge])
    heel = np.vstack([heel, np.array([[150.0, 158.0]]) * ps])
    pieces = [
        cv2.convexHull(palm.astype(np.float32)).reshape(-1, 2).astype(np.float64),
        cv2.convexHull(heel.astype(np.float32)).reshape(-1, 2).astype(np.float64),
        np.array([[60.0, -150.0], [3000.0, -152.0], [3000.0, 158.0], [150.0, 158.0], [60.0, 146.0]]) * ps,
    ]
    for i in range(4):
        pieces.append(_capsule(bases[i], float(angles[i]), float(lengths[i]), float(widths[i]), taper))
    pieces.append(_capsule(thumb_base, thumb_angle, thumb_len, thumb_w, 0.88))
    return pieces


def _pose(width: int, height: int, angle_deg: float, scale: float, offset: tuple[float, float]) -> Points:
    """2×3 affine from hand coordinates to image pixels: the palm centre sits at 68 %/48 % of the frame."""
    k = 1.1 * scale * min(width / 768.0, height / _REF_HEIGHT)
    a = math.radians(angle_deg)
    cx, cy = 0.68 * width + offset[0], 0.48 * height + offset[1]
    return np.array([[k * math.cos(a), -k * math.sin(a), cx], [k * math.sin(a), k * math.cos(a), cy]])


def _background(rng: np.random.Generator, width: int, height: int) -> FloatImage:
    """The dark capture box: ~25 grey, unevenly lit (lighter towards the top-left LEDs)."""
    ramp_x = np.linspace(3.0, 0.0, width, dtype=np.float32)[None, :]
    ramp_y = np.linspace(3.0, 0.0, height, dtype=np.float32)[:, None]
    out: FloatImage = 20.0 + ramp_x + ramp_y + 6.0 * _smooth_field(rng, width, height, (5, 4))
    return out


def _finish(rng: np.random.Generator, img: FloatImage, gain: float, blur: float, noise: float) -> ByteImage:
    """Camera: gain, optical blur, then sensor noise, then 8-bit quantisation (in that physical order)."""
    scaled = img * np.float32(gain)
    if blur > 0.05:
        scaled = np.asarray(cv2.GaussianBlur(scaled, (0, 0), blur), dtype=np.float32)
    scaled += rng.standard_normal(scaled.shape, dtype=np.float32) * np.float32(noise)
    out: ByteImage = np.clip(np.rint(scaled), 0, 255).astype(np.uint8)
    return out


def synthetic_hand(
    identity: int,
    sample: int,
    *,
    width: int = 768,
    height: int = 576,
    fingers: str = "spread",
    exposure: float = 1.0,
    blur: float = 0.0,
    shift: tuple[float, float] | None = None,
    cut_off: bool = False,
    thumb: float | None = None,
    bracelet: str | None = None,
    scale: float | None = None,
    angle: float | None = None,
) -> np.ndarray:
    """uint8 greyscale full-hand NIR capture in the style of CASIA-MS 940 nm.

    A bright hand (~120–200 grey) enters from the right edge of a dark (~10–40) frame: wrist cut by the right
    border, palm centre-right, four fingers pointing left with dark valleys between them, thumb pointing
    down-left. The identity's ``vein_pattern`` is warped onto the palm with the same transform as the
    silhouette, so veins move with the hand and match after pose correction. Per sample (deterministic
    in ``identity, sample``): rotation ±12°, translation ±25 px, scale ±6 %, gain ±10 %, noise σ 2–4 and
    slight blur; finger lengths, widths and palm size depend mildly on the identity.

    The keyword arguments produce the failure cases a capture-quality check must catch: ``fingers="closed"``
    (no finger valleys), ``exposure`` (multiplies brightness; 0.1 is far too dark), ``blur`` (extra Gaussian
    sigma in px), ``shift`` (extra ``(dx, dy)`` px for the whole hand) and ``cut_off`` (fingers and part of
    the palm leave the frame at the top left).
    """
    _check_seed(identity=identity, sample=sample)
    rng = np.random.default_rng([identity, sample, 7])
    k_img = min(width / 768.0, height / _REF_HEIGHT)
    dx, dy = rng.uniform(-25.0, 25.0, 2) * k_img
    extra = shift if shift is not None else (0.0, 0.0)
    if cut_off:
        extra = (extra[0] - 0.28 * width, extra[1] - 0.30 * height)
    drawn_angle, drawn_scale = rng.uniform(-12.0, 12.0), rng.uniform(0.94, 1.06)
    m = _pose(
        width,
        height,
        drawn_angle if angle is None else angle,
        drawn_scale if scale is None else scale,
        (dx + extra[0], dy + extra[1]),
    )

    mask = np.zeros((height, width), np.uint8)
    for piece in _hand_outline(identity, rng, fingers, thumb):
        pts = piece @ m[:, :2].T + m[:, 2]
        fixed = np.round(pts * (1 << _SUBPIXEL)).astype(np.int32)
        cv2.fillConvexPoly(mask, fixed, 255, cv2.LINE_AA, _SUBPIXEL)
    alpha = cv2.GaussianBlur(mask.astype(np.float32) / 255.0, (0, 0), 1.5 * k_img)

    # Thickness shading: tissue is thinner at the silhouette, so edges and fingers read darker in NIR.
    # Computed at quarter resolution because only its low frequencies matter.
    small = cv2.resize(mask, (width // 4, height // 4), interpolation=cv2.INTER_AREA) / np.float32(255.0)
    thick = cv2.resize(cv2.GaussianBlur(small, (0, 0), 5.0 * k_img), (width, height))
    id_rng = np.random.default_rng([identity, 5])
    level = 168.0 * id_rng.uniform(0.92, 1.08)
    body = level * (0.62 + 0.38 * thick) * (1.0 + 0.06 * _smooth_field(rng, width, height, (4, 3)))

    # Veins: the pattern covers a 300-px (reference) square on the palm and goes through the same pose.
    size = 256
    to_hand = np.array([[300.0 / size, 0.0, -150.0 + 10.0], [0.0, 300.0 / size, -150.0]])
    full = m @ np.vstack([to_hand, [0.0, 0.0, 1.0]])
    vein_img = cv2.warpAffine(_palm_veins(identity), full, (width, height), flags=cv2.INTER_LINEAR)
    contrast = id_rng.uniform(14.0, 24.0)
    hand = body - contrast * vein_img

    if bracelet is not None:
        hand = _with_bracelet(hand, m, bracelet, width, height)
    img = _background(rng, width, height) * (1.0 - alpha) + hand * alpha
    gain = exposure * rng.uniform(0.90, 1.10)
    return _finish(rng, img.astype(np.float32), gain, rng.uniform(0.3, 1.0) + blur, rng.uniform(2.0, 4.0))


def _with_bracelet(hand: FloatImage, m: Points, kind: str, width: int, height: int) -> FloatImage:
    """A band across the wrist (hand x 205-245 reference px): dark absorbs NIR, bright reflects it."""
    if kind not in ("dark", "bright"):
        raise ValueError(f"bracelet must be 'dark' or 'bright', got {kind!r}")
    band = np.array([[205.0, -400.0], [245.0, -400.0], [245.0, 400.0], [205.0, 400.0]]) @ m[:, :2].T + m[:, 2]
    strip = np.zeros((height, width), np.float32)
    cv2.fillConvexPoly(strip, np.round(band).astype(np.int32), 1.0, cv2.LINE_AA)
    strip = np.asarray(cv2.GaussianBlur(strip, (0, 0), 1.5), dtype=np.float32)
    level = 30.0 if kind == "dark" else 245.0
    return np.asarray(hand * (1.0 - strip) + level * strip, dtype=np.float32)


# --------------------------------------------------------------------------------------------- crops


def synthetic_palm_crop(identity: int, sample: int, size: int = 128) -> np.ndarray:
    """uint8 greyscale palm-centre crop in the style of the ROI datasets (mean grey ~110–170).

    The central 70 % of the identity's vein pattern over a skin texture (smooth thickness variation and two
    soft principal palm lines, also fixed per identity). Per sample: shift ±4 px, rotation ±4°, gain, a slight
    illumination gradient and noise, i.e. what remains after a good region-of-interest extraction.
    """
    _check_seed(identity=identity, sample=sample)
    base = 256
    id_rng = np.random.default_rng([identity, 13])
    texture = 0.07 * _smooth_field(id_rng, base, base, (5, 5))
    lines = np.zeros((base, base), np.uint8)
    for _ in range(2):
        start = np.array([id_rng.uniform(0, 0.3) * base, id_rng.uniform(0.2, 0.8) * base])
        path = _walk(id_rng, start, id_rng.uniform(-0.6, 0.6), 1.2 * base, 3.0, base)
        _draw_vein(lines, path, 7.0, 255)
    texture -= 0.06 * cv2.GaussianBlur(lines.astype(np.float32) / 255.0, (0, 0), 3.0)
    veins = _vein_cached(identity, base)

    rng = np.random.default_rng([identity, sample, 17])
    angle = rng.uniform(-4.0, 4.0)
    m = np.asarray(cv2.getRotationMatrix2D((base / 2.0, base / 2.0), angle, size / (0.7 * base)), np.float64)
    m[:, 2] += (size - base) / 2.0 + rng.uniform(-4.0, 4.0, 2)
    warp = functools.partial(cv2.warpAffine, M=m, dsize=(size, size), borderMode=cv2.BORDER_REFLECT)
    level = 140.0 * id_rng.uniform(0.92, 1.08)
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) / size - 0.5
    slope = rng.uniform(-0.08, 0.08, 2)
    shading = 1.0 + warp(texture) + slope[0] * xx + slope[1] * yy
    img = level * shading - id_rng.uniform(20.0, 30.0) * warp(veins)
    return _finish(rng, img.astype(np.float32), rng.uniform(0.92, 1.08), 1.0, rng.uniform(2.0, 3.5))


def no_hand(seed: int, width: int = 768, height: int = 576) -> np.ndarray:
    """Background only: the dark, noisy, empty capture box, with up to two small bright specks (dust or
    reflections) so that a hand detector cannot simply test for "anything bright"."""
    _check_seed(seed=seed)
    rng = np.random.default_rng([seed, 23])
    img = _background(rng, width, height)
    for _ in range(int(rng.integers(0, 3))):
        centre = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        cv2.circle(img, centre, int(rng.integers(2, 7)), float(rng.uniform(120.0, 230.0)), -1, cv2.LINE_AA)
    return _finish(rng, img, 1.0, rng.uniform(0.5, 1.2), rng.uniform(2.0, 4.0))
