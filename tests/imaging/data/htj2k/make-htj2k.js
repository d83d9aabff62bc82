// Writes the HTJ2K test codestreams of this folder. Debian has no HTJ2K encoder (OpenJPEG 2.5 only
// decodes HT), so these were made once with OpenJPH's WebAssembly build from the npm registry:
//   npm install @cornerstonejs/codec-openjph@2.4.11 && node make-htj2k.js
// The pixel formulas are repeated in tests/imaging/tst_jpeg2000.cpp, which checks every decoded value.
const Module = require('./node_modules/@cornerstonejs/codec-openjph/dist/openjphjs.js');
const fs = require('fs');

const w = 64, h = 48;
const films = [
  {file: 'ht-12bit-lossless.j2c', bits: 12, signed: false, lossless: true,
   value: (x, y) => (x * 61 + y * 37) % 4096},
  {file: 'ht-16bit-signed-lossless.j2c', bits: 16, signed: true, lossless: true,
   value: (x, y) => ((x * 613 + y * 397) % 65536) - 32768},
  {file: 'ht-12bit-lossy.j2c', bits: 12, signed: false, lossless: false,
   value: (x, y) => Math.round(2047 + 2000 * Math.sin(x / 7) * Math.cos(y / 5))},
];

Module().then((m) => {
  for (const f of films) {
    const encoder = new m.HTJ2KEncoder();
    const pixels = encoder.getDecodedBuffer({width: w, height: h, bitsPerSample: f.bits, componentCount: 1,
                                             isSigned: f.signed, isUsingColorTransform: false});
    const values = f.signed ? new Int16Array(w * h) : new Uint16Array(w * h);
    for (let y = 0; y < h; ++y)
      for (let x = 0; x < w; ++x) values[y * w + x] = f.value(x, y);
    pixels.set(new Uint8Array(values.buffer));
    encoder.setQuality(f.lossless, f.lossless ? 0 : 0.002);
    encoder.encode();
    fs.writeFileSync(f.file, Buffer.from(encoder.getEncodedBuffer()));
  }
});
