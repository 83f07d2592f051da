// Hashes and signatures are long: lists show their ends, the full value goes in a tooltip.

/** 'a1b2c3d4…e5f60718' for a long hex string; short ones as they are. */
export function shortHash(value: string | null | undefined, head = 8, tail = 8): string {
  if (!value) return '';
  return value.length <= head + tail + 1 ? value : `${value.slice(0, head)}…${value.slice(-tail)}`;
}

/** A hash in groups of eight for reading aloud or comparing with print: 'a1b2c3d4 e5f60718 …'. */
export function groupedHash(value: string | null | undefined, size = 8): string {
  if (!value) return '';
  return value.match(new RegExp(`.{1,${String(size)}}`, 'g'))?.join(' ') ?? value;
}
