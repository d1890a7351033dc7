// Renders public/icons/icon.svg to the PNGs the web app manifest lists, with the local
// Chromium (no downloads). Run by hand after editing the SVG: node src/pwa/icons/make-icons.mjs
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../public/icons');
const svg = readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const [name, size, pad] of [['icon-192.png', 192, 0], ['icon-512.png', 512, 0], ['icon-maskable-512.png', 512, 0.1]]) {
  await page.setViewportSize({ width: size, height: size });
  // maskable: the art inside the 80% safe zone, on a full-bleed background
  await page.setContent(`<body style="margin:0;background:#111418"><div style="padding:${size * pad}px">${svg.replace('<svg ', `<svg width="${size * (1 - 2 * pad)}" height="${size * (1 - 2 * pad)}" `)}</div></body>`);
  await page.screenshot({ path: path.join(dir, name), omitBackground: pad === 0, clip: { x: 0, y: 0, width: size, height: size } });
}
await browser.close();
