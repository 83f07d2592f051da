// Lists of short texts (风险点, 防控措施, 佐证材料) are edited as one textarea, one item a line.

/** The non-empty lines of a textarea, trimmed. */
export function toLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** The textarea text of a list. */
export function fromLines(items: readonly string[]): string {
  return items.join('\n');
}

/**
 * Whether the text still says what `items` says: while someone types, the text holds an empty
 * trailing line or spaces that `toLines` drops, and must not be rewritten from `items`.
 */
export function sameLines(text: string, items: readonly string[]): boolean {
  const lines = toLines(text);
  return lines.length === items.length && lines.every((line, i) => line === items[i]);
}
