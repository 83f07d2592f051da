import { charWidthEm, escapeXml, textWidthEm, wrapText } from './text-layout';

describe('text layout', () => {
  it('estimates CJK and full-width punctuation at 1em and ASCII narrower', () => {
    expect(charWidthEm('审')).toBe(1);
    expect(charWidthEm('，')).toBe(1);
    expect(charWidthEm('“')).toBe(1);
    expect(charWidthEm('a')).toBe(0.55);
    expect(charWidthEm('W')).toBeGreaterThan(charWidthEm('a'));
    expect(textWidthEm('产权科 ABC')).toBeCloseTo(3 + 0.3 + 3 * 0.72);
  });

  it('breaks CJK text anywhere, within the width, keeping every character', () => {
    const text = '复核、审核人员不按照相关政策规定严格审查资料，审查资料不仔细';
    const lines = wrapText(text, 10 * 14, 14);
    expect(lines.join('')).toBe(text);
    expect(lines.length).toBe(3);
    for (const line of lines) expect(textWidthEm(line)).toBeLessThanOrEqual(10);
  });

  it('keeps closing punctuation off the start of a line and opening punctuation off the end', () => {
    // 10em lines: a naive break would start line 2 with '，'.
    expect(wrapText('一二三四五六七八九十，十一', 140, 14)).toEqual(['一二三四五六七八九', '十，十一']);
    expect(wrapText('一二三四五六七八九（十）', 140, 14)).toEqual(['一二三四五六七八九', '（十）']);
  });

  it('moves a lone last character down with its neighbour', () => {
    expect(wrapText('该上会不上会，个人意志代表集体决定', 16 * 13, 13)).toEqual(['该上会不上会，个人意志代表集体', '决定']);
    // Not when the character before it is punctuation that must not start a line.
    expect(wrapText('一二三四五六七八九十，', 10 * 13, 13)).toEqual(['一二三四五六七八九', '十，']);
    expect(wrapText('一二三四五六七八，九', 9 * 13, 13)).toEqual(['一二三四五六七八，', '九']);
  });

  it('breaks ASCII between words, splits only words longer than a line, and keeps hard breaks', () => {
    expect(wrapText('alpha beta gamma', 4 * 10, 10)).toEqual(['alpha', 'beta', 'gamma']);
    const url = 'https://example.com/a/very/long/path';
    const pieces = wrapText(url, 5 * 10, 10);
    expect(pieces.join('')).toBe(url);
    for (const piece of pieces) expect(textWidthEm(piece)).toBeLessThanOrEqual(5);
    expect(wrapText('第一行\n第二行', 500, 14)).toEqual(['第一行', '第二行']);
  });

  it('escapes the five XML specials and drops characters XML forbids', () => {
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    expect(escapeXml('a\u0000b\u001Fc\uFFFEd')).toBe('abcd');
    expect(escapeXml('𠀀\uDC00')).toBe('𠀀');
  });
});
