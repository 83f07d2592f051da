import { Resvg } from '@resvg/resvg-js';
import { FLOW_CHART_FONT_FAMILY, renderFlowSvg } from './flow-chart';
import { pi001Flow } from './flow-chart.test-data';
import { DEFAULT_FLOW_CHART_FONT, flowChartFontFile, flowChartResvgOptions, renderFlowPng } from './flow-png';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's IHDR chunk (right after the signature and the chunk header). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function svgSize(svg: string): { width: number; height: number } {
  const match = /^<svg [^>]*width="(\d+)" height="(\d+)"/u.exec(svg);
  if (!match) throw new Error('no svg size');
  return { width: Number(match[1]), height: Number(match[2]) };
}

/** Pixels darker than mid grey: glyphs drawn in ink on a white background. */
function darkPixels(rgba: Buffer): number {
  let count = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if ((rgba[i] ?? 255) + (rgba[i + 1] ?? 255) + (rgba[i + 2] ?? 255) < 3 * 128 && (rgba[i + 3] ?? 0) > 0) count++;
  }
  return count;
}

const CHINESE_ONLY = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60" font-family="${FLOW_CHART_FONT_FAMILY.replace(/'/gu, '&apos;')}"><text x="10" y="42" font-size="32" fill="#000000">权力运行</text></svg>`;

describe('renderFlowPng', () => {
  const chart = renderFlowSvg({ title: '资产采购和出租审核', subtitle: 'PI-001', flow: pi001Flow() });

  it('renders the chart to a PNG the size of the SVG times the scale (2 by default)', () => {
    const size = svgSize(chart);
    const once = renderFlowPng(chart, { fontFile: DEFAULT_FLOW_CHART_FONT, scale: 1 });
    expect(once.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pngSize(once)).toEqual(size);
    expect(pngSize(renderFlowPng(chart, { fontFile: DEFAULT_FLOW_CHART_FONT }))).toEqual({ width: size.width * 2, height: size.height * 2 });
  });

  it('draws Chinese glyphs with the CJK font file and nothing else', () => {
    const withFont = new Resvg(CHINESE_ONLY, flowChartResvgOptions(DEFAULT_FLOW_CHART_FONT, 1)).render();
    expect(darkPixels(withFont.pixels)).toBeGreaterThan(300);
    // Without a font file nothing is drawn: the glyphs above come from the file, not from the host.
    const withoutFont = new Resvg(CHINESE_ONLY, { font: { loadSystemFonts: false } }).render();
    expect(darkPixels(withoutFont.pixels)).toBe(0);
  });

  it('fails clearly when the font file is missing, naming the file and the variable to set', () => {
    expect(() => renderFlowPng(chart, { fontFile: '/nonexistent/fonts/cjk.ttc' })).toThrow(/\/nonexistent\/fonts\/cjk\.ttc.*FLOW_CHART_FONT_FILE/u);
    expect(() => renderFlowPng(chart, { fontFile: DEFAULT_FLOW_CHART_FONT, scale: 0 })).toThrow(/scale/u);
  });

  it('takes the font file from FLOW_CHART_FONT_FILE, else the default', () => {
    expect(flowChartFontFile({})).toBe(DEFAULT_FLOW_CHART_FONT);
    expect(flowChartFontFile({ FLOW_CHART_FONT_FILE: ' ' })).toBe(DEFAULT_FLOW_CHART_FONT);
    expect(flowChartFontFile({ FLOW_CHART_FONT_FILE: '/opt/fonts/NotoSansCJK.ttc' })).toBe('/opt/fonts/NotoSansCJK.ttc');
  });
});
