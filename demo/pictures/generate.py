"""Makes the demo's pictures once (they are committed next to this file, a few KB each):
four JPEG "photos" drawn with Pillow and a two-second WebM clip recorded from a canvas in
headless Chromium (MediaRecorder). Run: ``.venv/bin/python demo/pictures/generate.py``."""

from __future__ import annotations

import base64
import math
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
#: (file name, sky, ground, sun) of each picture: a café, a bakery, a salon, a gym at golden hour
SCENES = (
    ("cafe.jpg", (250, 190, 120), (120, 72, 40), (255, 236, 170)),
    ("bakery.jpg", (255, 214, 165), (176, 110, 60), (255, 250, 220)),
    ("salon.jpg", (196, 170, 230), (88, 60, 120), (255, 220, 240)),
    ("gym.jpg", (140, 200, 235), (40, 80, 110), (255, 255, 210)),
)
SIZE = (640, 400)


def picture(sky, ground, sun) -> Image.Image:
    """A small landscape: a gradient sky, a sun, a skyline and the shop's awning."""
    w, h = SIZE
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(h):
        t = y / h
        draw.line(
            [(0, y), (w, y)],
            fill=tuple(int(s * (1 - t) + g * t) for s, g in zip(sky, ground, strict=True)),
        )
    draw.ellipse((w * 0.62, h * 0.12, w * 0.62 + 90, h * 0.12 + 90), fill=sun)
    for i in range(9):
        x = i * w / 9
        top = h * (0.45 + 0.12 * math.sin(i * 1.7))
        draw.rectangle((x + 4, top, x + w / 9 - 4, h), fill=tuple(c // 2 for c in ground))
    for i in range(8):
        colour = (230, 60, 60) if i % 2 else (250, 245, 235)
        draw.rectangle((w * 0.2 + i * 45, h * 0.62, w * 0.2 + (i + 1) * 45, h * 0.7), fill=colour)
    return image


RECORD = """async () => {
  const canvas = document.createElement('canvas'); canvas.width = 320; canvas.height = 180;
  document.body.appendChild(canvas);
  const ctx = canvas.getContext('2d');
  const stream = canvas.captureStream(15);
  const rec = new MediaRecorder(
    stream, {mimeType: 'video/webm;codecs=vp8', videoBitsPerSecond: 90000});
  const chunks = []; rec.ondataavailable = (e) => chunks.push(e.data);
  const done = new Promise((r) => (rec.onstop = r));
  rec.start();
  const t0 = performance.now();
  await new Promise((resolve) => {
    function frame() {
      const t = (performance.now() - t0) / 2000;
      const g = ctx.createLinearGradient(0, 0, 0, 180);
      g.addColorStop(0, '#f5b700'); g.addColorStop(1, '#1e293b');
      ctx.fillStyle = g; ctx.fillRect(0, 0, 320, 180);
      ctx.fillStyle = '#fff'; ctx.beginPath();
      ctx.arc(40 + 240 * t, 90 - 50 * Math.sin(Math.PI * t), 22, 0, 2 * Math.PI); ctx.fill();
      ctx.font = 'bold 22px sans-serif'; ctx.fillText('LocalBzz reel', 90, 160);
      if (t < 1) requestAnimationFrame(frame); else resolve();
    }
    frame();
  });
  rec.stop(); await done;
  const buf = new Uint8Array(await new Blob(chunks).arrayBuffer());
  let s = ''; for (const b of buf) s += String.fromCharCode(b);
  return btoa(s);
}"""


def clip() -> bytes:
    """Two seconds of a sun crossing the brand's gradient, VP8 WebM."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page()
        data = page.evaluate(RECORD)
        browser.close()
    return base64.b64decode(data)


def main() -> None:
    for name, sky, ground, sun in SCENES:
        picture(sky, ground, sun).save(HERE / name, "JPEG", quality=60, optimize=True)
    (HERE / "reel.webm").write_bytes(clip())


if __name__ == "__main__":
    main()
