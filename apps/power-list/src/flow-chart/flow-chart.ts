import { type MeetingBody, MeetingBodyLabels, type ResolvedActorDto, type ResolvedFlowDto, type ResolvedFlowStepDto, type SharedBlock, StepKind } from '@qinglian/contracts';
import { escapeXml, textWidthEm, wrapText } from './text-layout';

/**
 * 权力运行流程图: the seed's "联防联控" chart as SVG. Left, 权力运行 (actor | step, the steps joined by
 * arrows); right, 监督运行 (risk points | control measures | internal | external supervisors). One row per
 * step; a shared block is one tall box over the rows of its steps. Pure string building, no DOM: the
 * server renders it (and turns it into PNG with resvg) as fast as the console shows it.
 */
export interface FlowChartInput {
  readonly title: string;
  readonly subtitle?: string;
  readonly flow: ResolvedFlowDto;
}

/** Chinese fonts first (the PNG renderer loads one of them), the generic family last. */
export const FLOW_CHART_FONT_FAMILY = "'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',sans-serif";

const PLACEHOLDER = '（未填写）';

const COLOR = {
  ink: '#1f2933',
  muted: '#8a94a6',
  power: '#1d4e89',
  powerTint: '#dde8f5',
  supervision: '#8c2f39',
  supervisionTint: '#f5e1e3',
  band: '#f6f8fb',
  cellStroke: '#c5cdd8',
  stepFill: '#eaf2fb',
  meetingFill: '#fff3dc',
  meetingStroke: '#a8620a',
  blockFill: '#fcf5f5',
  blockStroke: '#c78f95',
  divider: '#d5dbe3',
} as const;

const MARGIN = 24;
const COLUMN_GAP = 12;
/** Wider gap between 权力运行 and 监督运行, with a divider in it. */
const GROUP_GAP = 28;
/** Vertical room between rows: where the arrows run. */
const ROW_GAP = 30;
const LANE_GAP = 8;
const PAD_X = 10;
const PAD_Y = 9;
const MIN_ROW_HEIGHT = 52;
const MIN_STEP_BOX_HEIGHT = 44;

interface TextStyle {
  readonly size: number;
  readonly lineHeight: number;
  readonly fill: string;
  readonly bold?: boolean;
}

const TITLE: TextStyle = { size: 22, lineHeight: 30, fill: COLOR.ink, bold: true };
const SUBTITLE: TextStyle = { size: 13, lineHeight: 20, fill: COLOR.muted };
const GROUP_HEADER: TextStyle = { size: 15, lineHeight: 20, fill: '#ffffff', bold: true };
const BODY: TextStyle = { size: 14, lineHeight: 20, fill: COLOR.ink };
const BODY_MUTED: TextStyle = { ...BODY, fill: COLOR.muted };
const STEP_NAME: TextStyle = { ...BODY, bold: true };
const LIST: TextStyle = { size: 13, lineHeight: 19, fill: COLOR.ink };
const NOTE: TextStyle = { size: 12, lineHeight: 17, fill: COLOR.muted };

type ColumnKey = 'actor' | 'step' | 'riskPoints' | 'controlMeasures' | 'internal' | 'external';
type Group = 'power' | 'supervision';

interface Column {
  readonly key: ColumnKey;
  readonly group: Group;
  /** Header lines: the name, then an optional note printed smaller. */
  readonly header: readonly [string, string?];
  readonly width: number;
}

const COLUMNS: readonly Column[] = [
  { key: 'actor', group: 'power', header: ['行权主体'], width: 140 },
  { key: 'step', group: 'power', header: ['行权流程'], width: 190 },
  { key: 'riskPoints', group: 'supervision', header: ['风险点'], width: 250 },
  { key: 'controlMeasures', group: 'supervision', header: ['防控措施'], width: 270 },
  { key: 'internal', group: 'supervision', header: ['内部监督主体', '（重在全过程监督）'], width: 150 },
  { key: 'external', group: 'supervision', header: ['外部监督主体', '（重在全履职监督）'], width: 200 },
];

const GROUPS: readonly { readonly group: Group; readonly label: string; readonly color: string; readonly tint: string }[] = [
  { group: 'power', label: '权力运行', color: COLOR.power, tint: COLOR.powerTint },
  { group: 'supervision', label: '监督运行', color: COLOR.supervision, tint: COLOR.supervisionTint },
];

// ---------------------------------------------------------------------------------------------------------
// Text blocks: wrapped lines with a style, measured before anything is placed.

interface Line {
  readonly text: string;
  /** A list number ("1.") printed left of the text, which hangs at `indent`. */
  readonly marker?: string;
  readonly indent: number;
}

interface TextRun {
  readonly style: TextStyle;
  readonly lines: readonly Line[];
  /** Extra attributes of the <text> element (already escaped). */
  readonly attrs?: string;
}

type Content = readonly TextRun[];

function run(text: string, width: number, style: TextStyle, attrs?: string): TextRun {
  return { style, lines: wrapText(text, width, style.size).map((t) => ({ text: t, indent: 0 })), attrs };
}

/** One item as it is; several numbered "1." "2." with the wrapped lines hanging after the number. */
function listRun(items: readonly string[], width: number, style: TextStyle): TextRun {
  if (items.length === 1) return run(items[0] ?? '', width, style);
  const indent = Math.ceil((textWidthEm(`${items.length}.`) + 0.35) * style.size);
  const lines = items.flatMap((item, i) =>
    wrapText(item, width - indent, style.size).map((text, j): Line => (j === 0 ? { text, marker: `${i + 1}.`, indent } : { text, indent })),
  );
  return { style, lines };
}

function contentHeight(content: Content): number {
  return content.reduce((sum, r) => sum + r.lines.length * r.style.lineHeight, 0);
}

// ---------------------------------------------------------------------------------------------------------
// Layout: columns → cells (with lanes where boxes share a column) → row heights → coordinates.

interface ColumnBox {
  readonly x: number;
  readonly width: number;
}

function columnPositions(): Record<ColumnKey, ColumnBox> {
  const boxes = {} as Record<ColumnKey, ColumnBox>;
  let x = MARGIN;
  COLUMNS.forEach((c, i) => {
    const previous = COLUMNS[i - 1];
    if (previous) x += previous.group === c.group ? COLUMN_GAP : GROUP_GAP;
    boxes[c.key] = { x, width: c.width };
    x += c.width;
  });
  return boxes;
}

const COLUMN_BOXES = columnPositions();
const TABLE_LEFT = MARGIN;
const TABLE_RIGHT = COLUMN_BOXES.external.x + COLUMN_BOXES.external.width;
const TABLE_WIDTH = TABLE_RIGHT - TABLE_LEFT;
const CHART_WIDTH = TABLE_RIGHT + MARGIN;

/** A box in the risk or control column: a step's own items (one row) or a shared block's run (several). */
interface Cell {
  readonly first: number;
  readonly last: number;
  readonly column: 'riskPoints' | 'controlMeasures';
  readonly items: readonly string[];
  /** The shared block the cell prints, or undefined for the step's own items. */
  readonly blockId?: string;
}

interface PlacedCell extends Cell {
  readonly x: number;
  readonly width: number;
  readonly content: Content;
}

/** Splits sorted, distinct row indices into runs of consecutive rows. */
function consecutiveRuns(rows: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const row of rows) {
    const current = runs[runs.length - 1];
    if (current && current[1] === row - 1) current[1] = row;
    else runs.push([row, row]);
  }
  return runs;
}

/** Row indices (0-based) a block covers: its orders that name an existing step, sorted, once each. */
function blockRows(block: SharedBlock, stepCount: number): number[] {
  return [...new Set(block.appliesToSteps)].filter((o) => Number.isInteger(o) && o >= 1 && o <= stepCount).sort((a, b) => a - b).map((o) => o - 1);
}

function cellsOf(flow: ResolvedFlowDto): Cell[] {
  const cells: Cell[] = [];
  for (const column of ['riskPoints', 'controlMeasures'] as const) {
    for (const block of flow.sharedBlocks) {
      if (block[column].length === 0) continue;
      for (const [first, last] of consecutiveRuns(blockRows(block, flow.steps.length))) {
        cells.push({ first, last, column, items: block[column], blockId: block.id });
      }
    }
    flow.steps.forEach((step, i) => {
      if (step[column].length > 0) cells.push({ first: i, last: i, column, items: step[column] });
    });
  }
  return cells;
}

/**
 * Cells that overlap in rows share their column side by side, like events in a calendar: overlapping
 * cells form a cluster, each takes the first free lane, and the cluster's lanes split the column width.
 * A cell that overlaps nothing (the usual case) gets the whole width.
 */
function placeCells(cells: readonly Cell[]): PlacedCell[] {
  const placed: PlacedCell[] = [];
  for (const column of ['riskPoints', 'controlMeasures'] as const) {
    const sorted = cells.filter((c) => c.column === column).sort((a, b) => a.first - b.first || b.last - a.last);
    let cluster: { cell: Cell; lane: number }[] = [];
    let laneEnds: number[] = [];
    const flush = (): void => {
      const box = COLUMN_BOXES[column];
      const width = (box.width - (laneEnds.length - 1) * LANE_GAP) / laneEnds.length;
      for (const { cell, lane } of cluster) {
        const content = [listRun(cell.items, width - 2 * PAD_X, LIST)];
        placed.push({ ...cell, x: box.x + lane * (width + LANE_GAP), width, content });
      }
      cluster = [];
      laneEnds = [];
    };
    for (const cell of sorted) {
      if (cluster.length > 0 && cell.first > Math.max(...laneEnds)) flush();
      const free = laneEnds.findIndex((end) => end < cell.first);
      const lane = free === -1 ? laneEnds.length : free;
      laneEnds[lane] = cell.last;
      cluster.push({ cell, lane });
    }
    if (cluster.length > 0) flush();
  }
  return placed;
}

function actorText(step: ResolvedFlowStepDto): string | null {
  if (step.actor) return step.actor.label;
  if (step.kind === StepKind.Meeting && step.meetingBodies.length > 0) {
    return step.meetingBodies.map((b: MeetingBody) => MeetingBodyLabels[b].zh).join('或');
  }
  return null;
}

function textOrPlaceholder(text: string | null, width: number, style: TextStyle, attrs?: string): TextRun {
  return text === null || text.trim() === '' ? run(PLACEHOLDER, width, BODY_MUTED, attrs) : run(text, width, style, attrs);
}

interface StepLayout {
  readonly step: ResolvedFlowStepDto;
  readonly actor: Content;
  readonly name: Content;
  readonly internal: Content;
  readonly external: Content;
}

function supervisorsContent(supervisors: readonly ResolvedActorDto[], column: ColumnKey): Content {
  return supervisors.length === 0 ? [] : [listRun(supervisors.map((s) => s.label), COLUMN_BOXES[column].width - 2 * PAD_X, LIST)];
}

function stepLayout(step: ResolvedFlowStepDto): StepLayout {
  const actorWidth = COLUMN_BOXES.actor.width - 2 * PAD_X;
  const stepWidth = COLUMN_BOXES.step.width - 2 * PAD_X;
  const name = [textOrPlaceholder(step.name, stepWidth, STEP_NAME, `data-step="${step.order}"`)];
  if (step.timeLimitDays !== null) name.push(run(`时限：${step.timeLimitDays}个工作日`, stepWidth, NOTE));
  return {
    step,
    actor: [textOrPlaceholder(actorText(step), actorWidth, BODY)],
    name,
    internal: supervisorsContent(step.internalSupervisors, 'internal'),
    external: supervisorsContent(step.externalSupervisors, 'external'),
  };
}

const boxHeight = (content: Content, min = 0): number => Math.max(contentHeight(content) + 2 * PAD_Y, min);

/**
 * Row heights: each row is as tall as its tallest one-row box; then every multi-row cell that needs more
 * room than its rows give spreads the shortfall evenly over them. Heights only grow, so one pass suffices.
 */
function rowHeights(steps: readonly StepLayout[], cells: readonly PlacedCell[]): number[] {
  const heights = steps.map((s) =>
    Math.max(MIN_ROW_HEIGHT, boxHeight(s.actor), boxHeight(s.name, MIN_STEP_BOX_HEIGHT), s.internal.length ? boxHeight(s.internal) : 0, s.external.length ? boxHeight(s.external) : 0),
  );
  for (const cell of cells.filter((c) => c.first === c.last)) {
    heights[cell.first] = Math.max(heights[cell.first] ?? 0, boxHeight(cell.content));
  }
  for (const cell of cells.filter((c) => c.first !== c.last)) {
    const rows = cell.last - cell.first + 1;
    let available = (rows - 1) * ROW_GAP;
    for (let r = cell.first; r <= cell.last; r++) available += heights[r] ?? 0;
    const shortfall = boxHeight(cell.content) - available;
    if (shortfall <= 0) continue;
    const extra = Math.ceil(shortfall / rows);
    for (let r = cell.first; r <= cell.last; r++) heights[r] = (heights[r] ?? 0) + extra;
  }
  return heights;
}

// ---------------------------------------------------------------------------------------------------------
// SVG output.

/** Coordinates with at most one decimal: short output, and the same string for the same input. */
function num(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function textStyleAttrs(style: TextStyle): string {
  return `font-size="${style.size}" fill="${style.fill}"${style.bold ? ' font-weight="bold"' : ''}`;
}

/**
 * Draws content inside a box: lines centered horizontally (`middle`) or from the left padding (`start`),
 * the whole block centered vertically. Baselines sit 0.35em below each line's middle, which centers CJK
 * glyphs (their em box spans about 0.88em above the baseline and 0.12em below).
 */
function drawContent(content: Content, x: number, y: number, width: number, height: number, anchor: 'start' | 'middle'): string {
  let top = y + (height - contentHeight(content)) / 2;
  const parts: string[] = [];
  for (const r of content) {
    const tspans = r.lines.map((line) => {
      const baseline = num(top + r.style.lineHeight / 2 + r.style.size * 0.35);
      top += r.style.lineHeight;
      if (anchor === 'middle') return `<tspan x="${num(x + width / 2)}" y="${baseline}">${escapeXml(line.text)}</tspan>`;
      const left = x + PAD_X;
      const marker = line.marker === undefined ? '' : `<tspan x="${num(left)}" y="${baseline}">${escapeXml(line.marker)}</tspan>`;
      return `${marker}<tspan x="${num(left + line.indent)}" y="${baseline}">${escapeXml(line.text)}</tspan>`;
    });
    const anchorAttr = anchor === 'middle' ? ' text-anchor="middle"' : '';
    parts.push(`<text${r.attrs ? ` ${r.attrs}` : ''} ${textStyleAttrs(r.style)}${anchorAttr}>${tspans.join('')}</text>`);
  }
  return parts.join('');
}

interface RectStyle {
  readonly fill: string;
  readonly stroke?: string;
  readonly radius?: number;
  readonly dashed?: boolean;
}

function rect(x: number, y: number, width: number, height: number, style: RectStyle): string {
  const stroke = style.stroke ? ` stroke="${style.stroke}" stroke-width="1"${style.dashed ? ' stroke-dasharray="4 3"' : ''}` : '';
  const radius = style.radius ? ` rx="${style.radius}"` : '';
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}"${radius} fill="${style.fill}"${stroke}/>`;
}

const CELL: RectStyle = { fill: '#ffffff', stroke: COLOR.cellStroke, radius: 3 };
const BLOCK: RectStyle = { fill: COLOR.blockFill, stroke: COLOR.blockStroke, radius: 3 };

/** A meeting step ("三重一大", decided collectively) gets a warm fill and a double border. */
function stepBox(x: number, y: number, width: number, height: number, meeting: boolean): string {
  if (!meeting) return rect(x, y, width, height, { fill: COLOR.stepFill, stroke: COLOR.power, radius: 6 });
  return rect(x, y, width, height, { fill: COLOR.meetingFill, stroke: COLOR.meetingStroke, radius: 6 }) + rect(x + 3, y + 3, width - 6, height - 6, { fill: 'none', stroke: COLOR.meetingStroke, radius: 4 });
}

interface Rows {
  readonly tops: readonly number[];
  readonly heights: readonly number[];
}

function rowTop(rows: Rows, i: number): number {
  return rows.tops[i] ?? 0;
}

function rowBottom(rows: Rows, i: number): number {
  return rowTop(rows, i) + (rows.heights[i] ?? 0);
}

/** The compact, vertically centered boxes of the 权力运行 side. */
function powerBoxes(layout: StepLayout, rows: Rows, i: number): { actor: number; step: number } {
  const middle = (rowTop(rows, i) + rowBottom(rows, i)) / 2;
  return { actor: middle - boxHeight(layout.actor) / 2, step: middle - boxHeight(layout.name, MIN_STEP_BOX_HEIGHT) / 2 };
}

function drawStep(layout: StepLayout, rows: Rows, i: number, ownCells: readonly PlacedCell[]): string {
  const { actor: actorCol, step: stepCol, internal, external } = COLUMN_BOXES;
  const meeting = layout.step.kind === StepKind.Meeting;
  const top = rowTop(rows, i);
  const height = rows.heights[i] ?? 0;
  const y = powerBoxes(layout, rows, i);
  const actorHeight = boxHeight(layout.actor);
  const stepHeight = boxHeight(layout.name, MIN_STEP_BOX_HEIGHT);
  const middle = top + height / 2;
  const parts = [
    `<line x1="${num(actorCol.x + actorCol.width)}" y1="${num(middle)}" x2="${num(stepCol.x)}" y2="${num(middle)}" stroke="${COLOR.muted}" stroke-width="1" stroke-dasharray="3 3"/>`,
    rect(actorCol.x, y.actor, actorCol.width, actorHeight, { fill: '#ffffff', stroke: COLOR.power, radius: 4 }),
    drawContent(layout.actor, actorCol.x, y.actor, actorCol.width, actorHeight, 'middle'),
    stepBox(stepCol.x, y.step, stepCol.width, stepHeight, meeting),
    drawContent(layout.name, stepCol.x, y.step, stepCol.width, stepHeight, 'middle'),
  ];
  for (const cell of ownCells) parts.push(rect(cell.x, top, cell.width, height, CELL), drawContent(cell.content, cell.x, top, cell.width, height, 'start'));
  for (const [content, col] of [[layout.internal, internal], [layout.external, external]] as const) {
    if (content.length > 0) parts.push(rect(col.x, top, col.width, height, CELL), drawContent(content, col.x, top, col.width, height, 'start'));
  }
  return `<g class="ql-step" data-order="${layout.step.order}" data-kind="${escapeXml(layout.step.kind)}">${parts.join('')}</g>`;
}

function drawBlocks(blocks: readonly SharedBlock[], cells: readonly PlacedCell[], rows: Rows): string {
  return blocks
    .map((block) => {
      const own = cells.filter((c) => c.blockId === block.id);
      if (own.length === 0) return '';
      const boxes = own.map((c) => {
        const top = rowTop(rows, c.first);
        const height = rowBottom(rows, c.last) - top;
        return rect(c.x, top, c.width, height, BLOCK) + drawContent(c.content, c.x, top, c.width, height, 'start');
      });
      return `<g class="ql-shared-block" data-block="${escapeXml(block.id)}">${boxes.join('')}</g>`;
    })
    .join('');
}

function drawArrows(steps: readonly StepLayout[], rows: Rows): string {
  const x = num(COLUMN_BOXES.step.x + COLUMN_BOXES.step.width / 2);
  const lines: string[] = [];
  for (let i = 0; i + 1 < steps.length; i++) {
    const from = steps[i];
    const to = steps[i + 1];
    if (!from || !to) continue;
    const y1 = powerBoxes(from, rows, i).step + boxHeight(from.name, MIN_STEP_BOX_HEIGHT);
    const y2 = powerBoxes(to, rows, i + 1).step;
    lines.push(`<line x1="${x}" y1="${num(y1)}" x2="${x}" y2="${num(y2 - 1)}" stroke="${COLOR.power}" stroke-width="1.5" marker-end="url(#ql-arrow)"/>`);
  }
  return `<g class="ql-arrows">${lines.join('')}</g>`;
}

/** Group headers (权力运行 | 监督运行) and the six column headers; returns the SVG and where rows start. */
function drawHeaders(top: number): { svg: string; bottom: number } {
  const parts: string[] = [];
  const groupHeight = 34;
  for (const g of GROUPS) {
    const cols = COLUMNS.filter((c) => c.group === g.group).map((c) => COLUMN_BOXES[c.key]);
    const left = cols[0]?.x ?? 0;
    const last = cols[cols.length - 1];
    const right = last ? last.x + last.width : left;
    parts.push(rect(left, top, right - left, groupHeight, { fill: g.color, radius: 4 }), drawContent([run(g.label, right - left, GROUP_HEADER)], left, top, right - left, groupHeight, 'middle'));
  }
  const subTop = top + groupHeight + 6;
  const headers = COLUMNS.map((c) => {
    const width = c.width - 2 * PAD_X;
    const style: TextStyle = { ...BODY, fill: c.group === 'power' ? COLOR.power : COLOR.supervision, bold: true };
    const [name, note] = c.header;
    const content: TextRun[] = [run(name, width, style)];
    if (note) content.push(run(note, width, { ...NOTE, fill: style.fill }));
    return { column: c, content };
  });
  const subHeight = Math.max(...headers.map((h) => boxHeight(h.content)));
  for (const { column, content } of headers) {
    const box = COLUMN_BOXES[column.key];
    const tint = column.group === 'power' ? COLOR.powerTint : COLOR.supervisionTint;
    parts.push(rect(box.x, subTop, box.width, subHeight, { fill: tint, radius: 3 }), drawContent(content, box.x, subTop, box.width, subHeight, 'middle'));
  }
  return { svg: `<g class="ql-headers">${parts.join('')}</g>`, bottom: subTop + subHeight };
}

function drawLegend(flow: ResolvedFlowDto, cells: readonly PlacedCell[], top: number): { svg: string; height: number } {
  const entries: { swatch: string; text: string }[] = [];
  if (flow.steps.some((s) => s.kind === StepKind.Meeting)) entries.push({ swatch: 'meeting', text: '双线框：会议审批，“三重一大”事项集体决策' });
  if (cells.some((c) => c.blockId !== undefined)) entries.push({ swatch: 'block', text: '跨行框：多个步骤共用的风险点、防控措施' });
  if (entries.length === 0) return { svg: '', height: 0 };
  let x = TABLE_LEFT;
  const parts = entries.map((e) => {
    const swatch = e.swatch === 'meeting' ? stepBox(x, top + 1, 28, 16, true) : rect(x, top + 1, 28, 16, BLOCK);
    const text = drawContent([run(e.text, TABLE_WIDTH, NOTE)], x + 34 - PAD_X, top, TABLE_WIDTH, 18, 'start');
    x += 34 + textWidthEm(e.text) * NOTE.size + 28;
    return swatch + text;
  });
  return { svg: `<g class="ql-legend">${parts.join('')}</g>`, height: 18 };
}

/** Renders the flow chart. Deterministic: the same input gives the same string (tests and caches rely on it). */
export function renderFlowSvg(input: FlowChartInput): string {
  const { flow } = input;
  const parts: string[] = [];

  let y = MARGIN;
  const title = [run(input.title.trim() === '' ? PLACEHOLDER : input.title, TABLE_WIDTH, TITLE)];
  if (input.subtitle) title.push(run(input.subtitle, TABLE_WIDTH, SUBTITLE));
  parts.push(`<g class="ql-title">${drawContent(title, TABLE_LEFT, y, TABLE_WIDTH, contentHeight(title), 'middle')}</g>`);
  y += contentHeight(title) + 16;

  const headers = drawHeaders(y);
  parts.push(headers.svg);
  const tableTop = headers.bottom + 14;

  const steps = flow.steps.map(stepLayout);
  const cells = placeCells(cellsOf(flow));
  const heights = steps.length > 0 ? rowHeights(steps, cells) : [MIN_ROW_HEIGHT];
  const tops: number[] = [];
  heights.reduce((top, h) => (tops.push(top), top + h + ROW_GAP), tableTop);
  const rows: Rows = { tops, heights };
  const tableBottom = rowBottom(rows, heights.length - 1);

  const bands = heights.map((h, i) => (i % 2 === 0 ? rect(TABLE_LEFT - 6, rowTop(rows, i) - ROW_GAP / 2, TABLE_WIDTH + 12, h + ROW_GAP, { fill: COLOR.band, radius: 4 }) : ''));
  const dividerX = COLUMN_BOXES.step.x + COLUMN_BOXES.step.width + GROUP_GAP / 2;
  bands.push(`<line x1="${num(dividerX)}" y1="${num(tableTop - 8)}" x2="${num(dividerX)}" y2="${num(tableBottom + 8)}" stroke="${COLOR.divider}" stroke-width="1" stroke-dasharray="4 4"/>`);
  parts.push(`<g class="ql-rows">${bands.join('')}</g>`);

  if (steps.length === 0) {
    parts.push(drawContent([run('（暂无行权流程步骤）', TABLE_WIDTH, BODY_MUTED)], TABLE_LEFT, tableTop, TABLE_WIDTH, MIN_ROW_HEIGHT, 'middle'));
  }
  parts.push(drawArrows(steps, rows));
  parts.push(drawBlocks(flow.sharedBlocks, cells, rows));
  steps.forEach((layout, i) => parts.push(drawStep(layout, rows, i, cells.filter((c) => c.blockId === undefined && c.first === i))));

  const legend = drawLegend(flow, cells, tableBottom + ROW_GAP / 2 + 14);
  parts.push(legend.svg);
  const height = Math.ceil(tableBottom + ROW_GAP / 2 + (legend.height > 0 ? 14 + legend.height : 0) + MARGIN);

  const label = escapeXml(input.title);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="${label}" font-family="${FLOW_CHART_FONT_FAMILY}">`,
    `<title>${label}</title>`,
    `<defs><marker id="ql-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${COLOR.power}"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
  ].join('');
}
