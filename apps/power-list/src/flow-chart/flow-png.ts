import { existsSync, statSync } from 'node:fs';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

/** WenQuanYi Micro Hei (Debian/Ubuntu package fonts-wqy-microhei): a CJK font most servers can install. */
export const DEFAULT_FLOW_CHART_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/** The environment variable that points the PNG renderer at another CJK font file. */
export const FLOW_CHART_FONT_ENV = 'FLOW_CHART_FONT_FILE';

/** The font file to use: FLOW_CHART_FONT_FILE when set, else the default. */
export function flowChartFontFile(env: NodeJS.ProcessEnv = process.env): string {
  return env[FLOW_CHART_FONT_ENV]?.trim() || DEFAULT_FLOW_CHART_FONT;
}

export interface FlowPngOptions {
  /** A CJK font (.ttf, .otf or .ttc); the chart is Chinese, so no system font guessing. */
  readonly fontFile: string;
  /** Pixels per SVG unit; 2 by default so the PNG stays sharp when zoomed or printed. */
  readonly scale?: number;
}

/**
 * resvg settings for the chart. System fonts are not loaded: the result must not depend on what the host
 * happens to have (and scanning them is slow), so the one font file given draws every glyph.
 */
export function flowChartResvgOptions(fontFile: string, scale: number): ResvgRenderOptions {
  return {
    font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: 'WenQuanYi Micro Hei', sansSerifFamily: 'WenQuanYi Micro Hei' },
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
  };
}

/** Rasterises a flow chart SVG (from renderFlowSvg) to PNG. Throws when the font file is missing. */
export function renderFlowPng(svg: string, options: FlowPngOptions): Buffer {
  const { fontFile, scale = 2 } = options;
  if (!existsSync(fontFile) || !statSync(fontFile).isFile()) {
    throw new Error(
      `Flow chart font file not found: ${fontFile}. Install a CJK font (Debian: fonts-wqy-microhei) or set ${FLOW_CHART_FONT_ENV} to a .ttf/.otf/.ttc font file.`,
    );
  }
  if (!(scale > 0 && Number.isFinite(scale))) throw new Error(`Flow chart PNG scale must be a positive number, got ${scale}`);
  return new Resvg(svg, flowChartResvgOptions(fontFile, scale)).render().asPng();
}
