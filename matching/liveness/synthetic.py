"""Synthetic presentation attacks, for measuring and testing only — never real-attack figures.

Why synthetic: no real prints, screens or masks of the people in the evaluation data exist. What is
made here imitates the physics each detector is meant to catch, and is labelled as such everywhere
it is reported:

- ``planar_view``: a face image on a flat sheet, turned and tilted in front of a pinhole camera
  (the homography ``K · [r1 r2 t]`` of a plane), as a print or a phone held up and rotated.
- ``halftone``: a print — the image reduced to an ordered-dither dot screen, slightly blurred by
  the recapture, with paper-white highlights.
- ``moire``: a screen — the image resampled on a pixel grid, beating against the camera's grid
  (a sinusoidal interference pattern), with a screen's gamma and glare.
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]


def plane_homography(
    size: tuple[int, int], yaw_degrees: float, pitch_degrees: float, *, distance: float = 1.6
) -> npt.NDArray[np.float64]:
    """The homography that shows a flat image (``size`` = width, height) turned by ``yaw`` and
    tilted by ``pitch`` about its centre, seen by a camera ``distance`` image widths away (a close
    distance exaggerates perspective, the attacker's best chance to fake a head turn)."""
    width, height = size
    focal = distance * width
    camera = np.array([[focal, 0, width / 2], [0, focal, height / 2], [0, 0, 1.0]])
    a, b = np.radians(yaw_degrees), np.radians(pitch_degrees)
    turn = np.array([[np.cos(a), 0, np.sin(a)], [0, 1, 0], [-np.sin(a), 0, np.cos(a)]])
    tilt = np.array([[1, 0, 0], [0, np.cos(b), -np.sin(b)], [0, np.sin(b), np.cos(b)]])
    rotation = tilt @ turn
    # plane points (x - w/2, y - h/2, 0) in camera units, placed ``focal`` away
    to_plane = np.array([[1, 0, -width / 2], [0, 1, -height / 2], [0, 0, 1.0]])
    extrinsic = np.column_stack([rotation[:, 0], rotation[:, 1], [0, 0, focal]])
    matrix = camera @ extrinsic @ to_plane
    return np.asarray(matrix / matrix[2, 2], dtype=np.float64)


def planar_view(image: Image, yaw_degrees: float, pitch_degrees: float, *, distance: float = 1.6) -> Image:
    """``image`` as a flat sheet turned/tilted in front of the camera (grey background around it)."""
    height, width = image.shape[:2]
    matrix = plane_homography((width, height), yaw_degrees, pitch_degrees, distance=distance)
    warped = cv2.warpPerspective(image, matrix, (width, height), borderValue=(128, 128, 128))
    return np.asarray(warped, dtype=np.uint8)


def halftone(image: Image, *, cell: int = 4, seed: int = 0) -> Image:
    """A printed copy recaptured by a camera: ordered dither per channel, blur, paper white."""
    bayer = np.array([[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]], np.float32) / 16.0
    big = cv2.resize(image, None, fx=cell / 2, fy=cell / 2, interpolation=cv2.INTER_LINEAR).astype(np.float32)
    tiles = np.tile(bayer, (big.shape[0] // 4 + 1, big.shape[1] // 4 + 1))[: big.shape[0], : big.shape[1]]
    dots = (big / 255.0 > tiles[..., None] if big.ndim == 3 else big / 255.0 > tiles).astype(np.float32)
    printed = 40 + dots * 200  # ink is not black, paper not white
    back = cv2.resize(printed, (image.shape[1], image.shape[0]), interpolation=cv2.INTER_AREA)
    back = cv2.GaussianBlur(back, (0, 0), 0.6)
    noise = np.random.default_rng(seed).normal(0, 3, back.shape)
    return np.asarray(np.clip(back + noise, 0, 255), dtype=np.uint8)


def moire(image: Image, *, period: float = 3.3, angle_degrees: float = 12.0, strength: float = 28.0) -> Image:
    """A screen recaptured by a camera: interference fringes, screen gamma, a soft glare."""
    height, width = image.shape[:2]
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    a = np.radians(angle_degrees)
    fringe = np.sin(2 * np.pi * (x * np.cos(a) + y * np.sin(a)) / period) * np.sin(
        2 * np.pi * x / (period * 7.1)
    )
    glare = 35 * np.exp(
        -(((x - 0.7 * width) / (0.25 * width)) ** 2 + ((y - 0.3 * height) / (0.25 * height)) ** 2)
    )
    base = 255.0 * (image.astype(np.float32) / 255.0) ** 0.8
    pattern = (strength * fringe + glare)[..., None] if image.ndim == 3 else strength * fringe + glare
    return np.asarray(np.clip(base + pattern, 0, 255), dtype=np.uint8)
