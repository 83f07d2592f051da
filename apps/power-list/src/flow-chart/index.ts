export { FLOW_CHART_FONT_FAMILY, type FlowChartInput, renderFlowSvg } from './flow-chart';
export { DEFAULT_FLOW_CHART_FONT, FLOW_CHART_FONT_ENV, type FlowPngOptions, flowChartFontFile, flowChartResvgOptions, renderFlowPng } from './flow-png';
