// The CRC-32 of two byte runs joined, from each one's CRC and the second's length (zlib's crc32_combine):
// each thread of a two-thread write checksums what it wrote, and neither needs the other's bytes. CRC-32
// is a remainder of polynomials over GF(2) (reflected, 0xedb88320); appending n bytes multiplies the
// first CRC by x^(8n) modulo the polynomial, and x^(8n) is made from the powers x^(2^k).

const POLY = 0xedb88320;

/** a·b modulo the polynomial, both reflected (bit 31 is x^0). */
function multiply(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0..31. */
const powers = (() => {
  const t = new Array<number>(32);
  let p = 0x40000000; // x^1
  for (let k = 0; k < 32; k++) {
    t[k] = p;
    p = multiply(p, p);
  }
  return t;
})();

/** x^(n·2^k) modulo the polynomial. */
function xPower(n: number, k: number): number {
  let p = 0x80000000; // x^0
  while (n > 0) {
    if (n % 2) p = multiply(powers[k & 31], p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

/** The CRC-32 of a then b, given a's CRC, b's CRC and b's length in bytes. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multiply(xPower(lengthB, 3), crcA >>> 0) ^ (crcB >>> 0)) >>> 0;
}
