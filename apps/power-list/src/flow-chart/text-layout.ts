/**
 * Text measuring, wrapping and escaping for the flow chart. SVG has no automatic line breaking and the
 * server has no browser to measure text, so widths are estimated from the characters: CJK and full-width
 * punctuation take 1em, ASCII about 0.55em. The estimates err on the wide side (checked against
 * WenQuanYi Micro Hei advances) so a wrapped line never overflows its box.
 */

/** ASCII that is wider than the usual ~0.55em. */
const ASCII_WIDE = new Set(['M', 'W', 'm', 'w', '@', '%']);

/** Estimated advance of one character (one code point) in em. */
export function charWidthEm(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x80) {
    if (ch === ' ') return 0.3;
    if (ASCII_WIDE.has(ch)) return 0.9;
    return (ch >= 'A' && ch <= 'Z') || ch === '#' || ch === '&' ? 0.72 : 0.55;
  }
  // Latin-1 and other alphabetic scripts; from General Punctuation (— “ ” …) on, CJK fonts draw full width.
  return cp < 0x2000 ? 0.6 : 1;
}

export function textWidthEm(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidthEm(ch);
  return width;
}

/** Closing punctuation that must not start a line (禁则: it is pulled back with the previous character). */
const NO_LINE_START = new Set(Array.from('，。、；：？！）》」』】〕”’…—·%,.;:?!)]}'));
/** Opening punctuation that must not end a line. */
const NO_LINE_END = new Set(Array.from('（《「『【〔“‘([{'));

/**
 * Break units: a run of ASCII letters and digits stays together (a word or number), a space is a break
 * opportunity, every other character is a unit of its own (CJK text breaks between any two characters).
 */
function breakUnits(paragraph: string): string[] {
  return paragraph.match(/[A-Za-z0-9_\-./:@#%&+=]+| +|[^]/gu) ?? [];
}

/** Splits a unit wider than the line into pieces that fit (a very long URL or code). */
function splitLongUnit(unit: string, maxEm: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let width = 0;
  for (const ch of unit) {
    const w = charWidthEm(ch);
    if (piece !== '' && width + w > maxEm) {
      pieces.push(piece);
      piece = '';
      width = 0;
    }
    piece += ch;
    width += w;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * Moves characters from the end of a full line to the next one so that neither breaks a 禁则 rule. Gives
 * up (keeps the natural break) when that would leave the line empty or make the next one too wide.
 */
function applyLineBreakRules(line: string, next: string, maxEm: number): [string, string] {
  const head = Array.from(line);
  let tail = next;
  const breaksRule = (): boolean => NO_LINE_START.has(String.fromCodePoint(tail.codePointAt(0) ?? 0)) || NO_LINE_END.has(head[head.length - 1] ?? '');
  while (head.length > 1 && breaksRule()) tail = (head.pop() ?? '') + tail;
  return breaksRule() || textWidthEm(tail) > maxEm ? [line, next] : [head.join(''), tail];
}

/**
 * Avoids a lone character on a paragraph's last line (the chart's lists are short; "决 / 定" reads badly)
 * by moving one more character down, when that breaks no 禁则 rule and the line has room.
 */
function avoidOrphan(lines: string[], maxEm: number): void {
  const last = lines[lines.length - 1] ?? '';
  const previous = Array.from(lines[lines.length - 2] ?? '');
  if (Array.from(last).length !== 1 || previous.length < 3 || NO_LINE_START.has(last)) return;
  const moved = previous.pop() ?? '';
  if (NO_LINE_START.has(moved) || NO_LINE_END.has(previous[previous.length - 1] ?? '') || textWidthEm(moved + last) > maxEm) return;
  lines.splice(-2, 2, previous.join(''), moved + last);
}

/**
 * Wraps text into lines no wider than `maxWidthPx` at `fontSize`. Hard line breaks are kept; nothing is
 * dropped: joining the lines (plus the spaces at break points) gives the text back.
 */
export function wrapText(text: string, maxWidthPx: number, fontSize: number): string[] {
  const maxEm = Math.max(maxWidthPx / fontSize, 1);
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/u)) {
    const paragraphLines: string[] = [];
    let line = '';
    let width = 0;
    const place = (unit: string, unitWidth: number): void => {
      if (line !== '' && width + unitWidth > maxEm) {
        // A space at the break point is dropped rather than carried to the next line.
        const [head, tail] = unit.trim() === '' ? [line, ''] : applyLineBreakRules(line, unit, maxEm);
        paragraphLines.push(head.trimEnd());
        line = tail;
        width = tail === unit ? unitWidth : textWidthEm(tail);
      } else if (line !== '' || unit.trim() !== '') {
        line += unit;
        width += unitWidth;
      }
    };
    for (const unit of breakUnits(paragraph)) {
      const unitWidth = textWidthEm(unit);
      if (unitWidth <= maxEm) place(unit, unitWidth);
      else for (const piece of splitLongUnit(unit, maxEm)) place(piece, textWidthEm(piece));
    }
    paragraphLines.push(line.trimEnd());
    avoidOrphan(paragraphLines, maxEm);
    lines.push(...paragraphLines);
  }
  return lines;
}

/**
 * Characters XML 1.0 does not allow at all: control characters, U+FFFE/U+FFFF and lone surrogates (with the
 * `u` flag a surrogate range only matches a surrogate that is not part of a pair).
 */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu;

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for XML content and attribute values, dropping characters XML cannot carry. */
export function escapeXml(text: string): string {
  return text.replace(XML_INVALID, '').replace(/[&<>"']/gu, (ch) => XML_ESCAPES[ch] ?? ch);
}
