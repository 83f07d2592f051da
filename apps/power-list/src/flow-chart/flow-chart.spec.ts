import { MeetingBody, type ResolvedFlowDto, StepKind } from '@qinglian/contracts';
import { SaxesParser } from 'saxes';
import { FLOW_CHART_FONT_FAMILY, renderFlowSvg } from './flow-chart';
import { HANDLER, SB1_MEASURES, SB1_RISKS, pi001Flow, sb1, step } from './flow-chart.test-data';
import { textWidthEm } from './text-layout';

interface Element {
  readonly name: string;
  readonly attributes: Record<string, string>;
  /** Text of the element and all its descendants, in document order. */
  text: string;
  readonly children: Element[];
}

/**
 * Parses the SVG with saxes (a strict XML parser, already installed with exceljs): any well-formedness
 * error throws. Returns the root element.
 */
function parseSvg(svg: string): Element {
  const parser = new SaxesParser();
  const stack: Element[] = [];
  let root: Element | undefined;
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const element: Element = { name: tag.name, attributes: tag.attributes, text: '', children: [] };
    stack[stack.length - 1]?.children.push(element);
    stack.push(element);
    root ??= element;
  });
  parser.on('text', (text) => {
    for (const open of stack) open.text += text;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(svg).close();
  if (!root) throw new Error('no root element');
  return root;
}

function all(root: Element, match: (e: Element) => boolean): Element[] {
  const found: Element[] = [];
  const visit = (e: Element): void => {
    if (match(e)) found.push(e);
    e.children.forEach(visit);
  };
  visit(root);
  return found;
}

const byClass = (root: Element, cls: string): Element[] => all(root, (e) => (e.attributes['class'] ?? '').split(' ').includes(cls));
const stepGroup = (root: Element, order: number): Element => {
  const group = byClass(root, 'ql-step').find((g) => g.attributes['data-order'] === String(order));
  if (!group) throw new Error(`no step group ${order}`);
  return group;
};
const rects = (e: Element): Element[] => all(e, (x) => x.name === 'rect');
const attr = (e: Element, name: string): number => Number(e.attributes[name]);
const occurrences = (text: string, part: string): number => text.split(part).length - 1;

function render(flow: ResolvedFlowDto, title = '资产采购和出租审核'): { svg: string; root: Element } {
  const svg = renderFlowSvg({ title, subtitle: 'PI-001 · 产权科', flow });
  return { svg, root: parseSvg(svg) };
}

describe('renderFlowSvg', () => {
  it('is a well-formed SVG with size, viewBox, role, label and the CJK font stack', () => {
    const { root } = render(pi001Flow());
    expect(root.name).toBe('svg');
    const { width, height, viewBox } = root.attributes;
    expect(Number(width)).toBeGreaterThan(1000);
    expect(Number(height)).toBeGreaterThan(400);
    expect(viewBox).toBe(`0 0 ${width} ${height}`);
    expect(root.attributes['role']).toBe('img');
    expect(root.attributes['aria-label']).toBe('资产采购和出租审核');
    expect(root.attributes['font-family']).toBe(FLOW_CHART_FONT_FAMILY);
    expect(FLOW_CHART_FONT_FAMILY).toBe("'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',sans-serif");
    expect(root.text).toContain('PI-001 · 产权科');
  });

  it('prints the two column groups and the six column headers', () => {
    const { root } = render(pi001Flow());
    const headers = byClass(root, 'ql-headers')[0]!.text;
    for (const header of ['权力运行', '监督运行', '行权主体', '行权流程', '风险点', '防控措施', '内部监督主体（重在全过程监督）', '外部监督主体（重在全履职监督）']) {
      expect(headers).toContain(header);
    }
    expect(headers.indexOf('权力运行')).toBeLessThan(headers.indexOf('监督运行'));
  });

  it('prints every step name in a data-step element, in order, with its actor in the same row', () => {
    const { root } = render(pi001Flow());
    const names = all(root, (e) => e.attributes['data-step'] !== undefined);
    expect(names.map((e) => [e.attributes['data-step'], e.text])).toEqual([
      ['1', '申请'],
      ['2', '产权科审核'],
      ['3', '分管领导审核'],
      ['4', '会议审批'],
      ['5', '下达意见'],
    ]);
    expect(byClass(root, 'ql-step')).toHaveLength(5);
    expect(stepGroup(root, 1).text).toContain('经办人员');
    expect(stepGroup(root, 2).text).toContain('产权科');
    expect(stepGroup(root, 3).text).toContain('分管领导');
    expect(stepGroup(root, 4).text).toContain('党委会或委务会');
    expect(stepGroup(root, 3).text).toContain('1.市纪委监委第一监督检查室2.驻委纪检监察组');
    expect(stepGroup(root, 1).text).toContain('1.科室负责人2.机关纪委');
  });

  it('lays the rows out top to bottom and joins consecutive steps with n-1 arrows', () => {
    const { root, svg } = render(pi001Flow());
    const ys = all(root, (e) => e.attributes['data-step'] !== undefined).map((e) => attr(e.children[0]!, 'y'));
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    const arrows = all(root, (e) => e.name === 'line' && e.attributes['marker-end'] === 'url(#ql-arrow)');
    expect(arrows).toHaveLength(4);
    for (const [i, arrow] of arrows.entries()) {
      expect(attr(arrow, 'y1')).toBeGreaterThan(ys[i]!);
      expect(attr(arrow, 'y2')).toBeLessThan(ys[i + 1]!);
    }
    expect(svg).toContain('<marker id="ql-arrow"');
    expect(all(render({ steps: [step(1)], sharedBlocks: [] }).root, (e) => e.attributes['marker-end'] !== undefined)).toHaveLength(0);
  });

  it('draws a shared block once, as one tall box per column over the rows of its steps', () => {
    const { root } = render(pi001Flow());
    const blocks = byClass(root, 'ql-shared-block');
    expect(blocks.map((b) => b.attributes['data-block'])).toEqual(['SB-1']);
    const boxes = rects(blocks[0]!);
    expect(boxes).toHaveLength(2);
    for (const text of [...SB1_RISKS, ...SB1_MEASURES]) expect(occurrences(root.text, text)).toBe(1);
    const nameY = (order: number): number => attr(all(stepGroup(root, order), (e) => e.attributes['data-step'] !== undefined)[0]!.children[0]!, 'y');
    for (const box of boxes) {
      expect(attr(box, 'y')).toBeLessThan(nameY(1));
      expect(attr(box, 'y') + attr(box, 'height')).toBeGreaterThan(nameY(4));
      expect(attr(box, 'y') + attr(box, 'height')).toBeLessThan(nameY(5));
    }
    // Step 5's own items are in its row, not in the block.
    expect(stepGroup(root, 5).text).toContain('擅自改变决策事项');
    expect(stepGroup(root, 5).text).toContain('将印发文件与会议决策记录比对');
  });

  it('draws a block over non-consecutive steps in each of its runs, and ignores orders without a step', () => {
    const flow = pi001Flow();
    const { root } = render({ ...flow, sharedBlocks: [sb1([4, 1, 2, 2, 9])] });
    const block = byClass(root, 'ql-shared-block')[0]!;
    expect(rects(block)).toHaveLength(4);
    expect(occurrences(block.text, SB1_RISKS[0]!)).toBe(2);
  });

  it('puts a step’s own items beside a block that covers it instead of on top of it', () => {
    const flow = pi001Flow();
    const steps = flow.steps.map((s) => (s.order === 1 ? { ...s, controlMeasures: ['企业不得违规或违反条件申请'] } : s));
    const { root } = render({ ...flow, steps });
    expect(stepGroup(root, 1).text).toContain('企业不得违规或违反条件申请');
    const overlaps = (a: Element, b: Element): boolean =>
      attr(a, 'x') < attr(b, 'x') + attr(b, 'width') && attr(b, 'x') < attr(a, 'x') + attr(a, 'width') && attr(a, 'y') < attr(b, 'y') + attr(b, 'height') && attr(b, 'y') < attr(a, 'y') + attr(a, 'height');
    const blockBoxes = rects(byClass(root, 'ql-shared-block')[0]!);
    const [risks, measures] = blockBoxes;
    expect(attr(measures!, 'width')).toBeLessThan(attr(risks!, 'width'));
    for (const own of rects(stepGroup(root, 1))) for (const box of blockBoxes) expect(overlaps(own, box)).toBe(false);
  });

  it('marks meeting steps (三重一大) with a double border in a different colour', () => {
    const { root } = render(pi001Flow());
    /** The rects under the step name: the step box (and its inner border). */
    const stepBoxes = (order: number): Element[] => {
      const name = all(stepGroup(root, order), (e) => e.attributes['data-step'] !== undefined)[0]!;
      const x = attr(name.children[0]!, 'x');
      return rects(stepGroup(root, order)).filter((r) => attr(r, 'x') < x && x < attr(r, 'x') + attr(r, 'width'));
    };
    expect(stepGroup(root, 4).attributes['data-kind']).toBe('meeting');
    const [outer, inner] = stepBoxes(4);
    expect(attr(inner!, 'x')).toBeGreaterThan(attr(outer!, 'x'));
    expect(attr(inner!, 'y') + attr(inner!, 'height')).toBeLessThan(attr(outer!, 'y') + attr(outer!, 'height'));
    for (const order of [1, 2, 3, 5]) {
      expect(stepBoxes(order)).toHaveLength(1);
      expect(stepBoxes(order)[0]!.attributes['fill']).not.toBe(outer!.attributes['fill']);
    }
  });

  it('escapes XML in every text it prints', () => {
    const flow = pi001Flow();
    const steps = flow.steps.map((s) => (s.order === 5 ? { ...s, riskPoints: ['<script>&', 'a "quoted" \'value\''] } : s));
    const title = 'A&B <审核> "x"';
    const { svg, root } = render({ ...flow, steps }, title);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;&amp;');
    expect(root.attributes['aria-label']).toBe(title);
    expect(stepGroup(root, 5).text).toContain('<script>&');
    expect(stepGroup(root, 5).text).toContain('a "quoted" \'value\'');
  });

  it('drops characters XML cannot carry instead of producing a broken document', () => {
    const { root } = render({ steps: [step(1, { name: 'a\u0001b\uD800c' })], sharedBlocks: [] });
    expect(all(root, (e) => e.attributes['data-step'] === '1')[0]!.text).toBe('abc');
  });

  it('wraps long text into lines that fit the box and grows the row; nothing is cut off', () => {
    const long = '对于超过一定金额的资产采购和出租事项，应当在审核前征求财务、法律、审计等相关部门的书面意见，并将意见作为审核依据一并归档，Long English words wrap between words too.';
    const short = render(pi001Flow()).root;
    const flow = pi001Flow();
    const steps = flow.steps.map((s) => (s.order === 5 ? { ...s, riskPoints: [long] } : s));
    const { root } = render({ ...flow, steps });
    const group = stepGroup(root, 5);
    const text = all(group, (e) => e.name === 'text' && e.text.includes(long.slice(0, 10)))[0]!;
    const lines = text.children.map((t) => t.text);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.join('').replace(/ /gu, '')).toBe(long.replace(/ /gu, ''));
    const box = rects(group).find((r) => attr(r, 'x') < attr(text.children[0]!, 'x') && attr(r, 'x') + attr(r, 'width') > attr(text.children[0]!, 'x'))!;
    for (const line of lines) expect(textWidthEm(line) * 13).toBeLessThanOrEqual(attr(box, 'width') - 20);
    expect(attr(box, 'height')).toBeGreaterThanOrEqual(lines.length * 19);
    const rowHeight = (root: Element): number => Math.max(...rects(stepGroup(root, 5)).map((r) => attr(r, 'height')));
    expect(rowHeight(root)).toBeGreaterThan(rowHeight(short));
    expect(attr(root, 'height')).toBeGreaterThan(attr(short, 'height'));
  });

  it('grows the rows under a shared block whose text needs more room than they give', () => {
    const flow = pi001Flow();
    const many = Array.from({ length: 20 }, (_, i) => `共用风险点第${i + 1}条，内容较长需要换行显示以检查高度`);
    const { root } = render({ ...flow, sharedBlocks: [sb1([1, 2, 3, 4], { riskPoints: many })] });
    const block = byClass(root, 'ql-shared-block')[0]!;
    const [riskBox] = rects(block);
    const riskText = all(block, (e) => e.name === 'text')[0]!;
    const lines = riskText.children.filter((e) => !/^\d+\.$/u.test(e.text));
    expect(lines.length).toBeGreaterThanOrEqual(40);
    expect(attr(riskBox!, 'height')).toBeGreaterThanOrEqual(lines.length * 19);
  });

  it('prints a muted placeholder for a missing name or actor, and meeting bodies for a meeting step without actor', () => {
    const { root } = render({
      steps: [
        step(1, { name: null, actor: null }),
        step(2, { name: '  ', kind: StepKind.Meeting, actor: null, meetingBodies: [] }),
        step(3, { name: '董事会决策', kind: StepKind.Meeting, actor: null, meetingBodies: [MeetingBody.Board] }),
        step(4, { name: '会议审批', kind: StepKind.Meeting, actor: HANDLER, meetingBodies: [MeetingBody.Board] }),
      ],
      sharedBlocks: [],
    });
    for (const order of [1, 2]) {
      const texts = all(stepGroup(root, order), (e) => e.name === 'text');
      expect(texts.filter((t) => t.text === '（未填写）')).toHaveLength(2);
      expect(texts.find((t) => t.attributes['data-step'] === String(order))!.attributes['fill']).toBe('#8a94a6');
    }
    expect(stepGroup(root, 3).text).toContain('董事会');
    expect(stepGroup(root, 3).text).not.toContain('（未填写）');
    expect(stepGroup(root, 4).text).toContain('经办人员');
  });

  it('renders an empty flow (a fresh draft) with its headers', () => {
    const { root } = render({ steps: [], sharedBlocks: [] });
    expect(root.text).toContain('行权流程');
    expect(root.text).toContain('暂无');
    expect(byClass(root, 'ql-step')).toHaveLength(0);
  });

  it('is deterministic', () => {
    const a = renderFlowSvg({ title: 'T', flow: pi001Flow() });
    const b = renderFlowSvg({ title: 'T', flow: structuredClone(pi001Flow()) });
    expect(b).toBe(a);
  });

  it('is fast: a 5-step flow well under 2 ms, a 50-step flow in a few ms', () => {
    const flow = pi001Flow();
    const big: ResolvedFlowDto = {
      steps: Array.from({ length: 50 }, (_, i) => ({ ...flow.steps[i % 5]!, order: i + 1 })),
      sharedBlocks: [sb1(Array.from({ length: 30 }, (_, i) => i + 1))],
    };
    const time = (f: ResolvedFlowDto, runs: number): number => {
      const start = performance.now();
      for (let i = 0; i < runs; i++) renderFlowSvg({ title: 'T', flow: f });
      return (performance.now() - start) / runs;
    };
    time(flow, 200);
    expect(time(flow, 200)).toBeLessThan(2);
    expect(time(big, 10)).toBeLessThan(25);
    expect(all(parseSvg(renderFlowSvg({ title: 'T', flow: big })), (e) => e.attributes['marker-end'] !== undefined)).toHaveLength(49);
  });
});
