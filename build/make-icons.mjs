// Draws the app's icon (build/icon.svg) into the PNGs and the .ico electron-builder packs:
//   build/icon.png (512×512), build/icons/<n>x<n>.png (Linux: 16…512), build/icon.ico (Windows:
//   16…256, PNG-compressed entries, which Windows Vista and later read).
// Rendered by Debian's Chromium through playwright-core (no ImageMagick needed):
//   node build/make-icons.mjs            (CHROMIUM_PATH chooses another Chromium)
// The images are committed; run this again only after changing icon.svg.
/* global Buffer, console, process */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const linuxSizes = [16, 32, 48, 64, 128, 256, 512];
const icoSizes = [16, 24, 32, 48, 64, 128, 256];

/** An .ico holding each image as PNG: a 6-byte header, one 16-byte entry per image, then the PNGs. */
export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // width (0 means 256)
    entry.writeUInt8(size >= 256 ? 0 : size, 1); // height
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

async function main() {
  const svg = await readFile(join(here, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    const render = async (size) => {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">` +
          svg.replace('<svg ', `<svg width="${size}" height="${size}" `) +
          `</body></html>`,
      );
      return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    };
    const pngs = new Map();
    for (const size of new Set([...linuxSizes, ...icoSizes])) pngs.set(size, await render(size));
    await mkdir(join(here, 'icons'), { recursive: true });
    for (const size of linuxSizes) await writeFile(join(here, 'icons', `${size}x${size}.png`), pngs.get(size));
    await writeFile(join(here, 'icon.png'), pngs.get(512));
    await writeFile(join(here, 'icon.ico'), encodeIco(icoSizes.map((size) => ({ size, png: pngs.get(size) }))));
    console.log(`Wrote build/icon.png, build/icon.ico and build/icons/ (${linuxSizes.join(', ')})`);
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
