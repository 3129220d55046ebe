// Draws client/media/icon.png (128×128): a lens whose left half is AWS's share
// and right half the customer's, on a dark tile. No image tools needed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const pixels = Buffer.alloc(size * (size * 4 + 1));
const set = (x, y, [r, g, b, a]) => {
  const i = y * (size * 4 + 1) + 1 + x * 4;
  pixels[i] = r; pixels[i + 1] = g; pixels[i + 2] = b; pixels[i + 3] = a;
};
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const corner = Math.max(0, Math.hypot(Math.max(0, Math.abs(x - 63.5) - 48), Math.max(0, Math.abs(y - 63.5) - 48)) - 14);
    if (corner > 0) { set(x, y, [0, 0, 0, 0]); continue; }
    const d = Math.hypot(x - 56, y - 56);
    let color = [28, 35, 51, 255];
    if (d < 34) color = x < 56 ? [255, 153, 0, 255] : [64, 156, 255, 255];
    if (d >= 34 && d < 42) color = [232, 236, 242, 255];
    const along = (x - 56 + (y - 56)) / Math.SQRT2;
    const across = Math.abs((x - 56 - (y - 56)) / Math.SQRT2);
    if (along > 42 && along < 84 && across < 7) color = [232, 236, 242, 255];
    set(x, y, color);
  }
}
const crc = (buf) => {
  let c = ~0;
  for (const b of buf) { c ^= b; for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1)); }
  return ~c >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4); header[8] = 8; header[9] = 6;
writeFileSync('client/media/icon.png', Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]));
