#!/usr/bin/env node
// Turns the seed fixtures (copied into deploy/local/demo/) into the demo data `npm start` loads and the
// tests use: deploy/local/demo/power-list-demo.json, in the shapes of the public API's requests.
// Run it again after changing a fixture copy or the mapping below: `node tools/scripts/make-demo-data.mjs`.
//
// What is interpretation rather than the seed's own words (docs/adr/0012-power-list.md):
// - the directory (units, posts, people, the leadership team) is plausible, not from a seed; people are
//   the dev realm's demo users, linked by their subject;
// - actors are mapped to the role catalogue (经办人员 → handler …), units (产权科 → CQK) or external bodies;
// - PI-006 and PI-007 start where the section itself begins the matter (考核结果确认…, 上年度工资总额…):
//   the fixture calls that first step a review; here it is the flow's submit step, because every flow
//   starts where a matter enters;
// - items the seed leaves incomplete (PI-003 step names lost, PI-004's first actor lost, PI-008's first
//   steps lost) stay drafts: they cannot pass review until someone completes them.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const demoDir = join(root, 'deploy/local/demo');
const items = JSON.parse(readFileSync(join(demoDir, 'power-items.json'), 'utf8'));
const duties = JSON.parse(readFileSync(join(demoDir, 'responsibility-lists.json'), 'utf8'));
const realm = JSON.parse(readFileSync(join(root, 'apps/dev-realm/src/demo/realm.json'), 'utf8'));

const UNIT_CODES = { 产权科: 'CQK', 企业改革科: 'QYGGK', 财考科: 'CKK', 投资科: 'TZK', 机关纪委: 'JGJW' };
const ROLE_OF = { 经办人员: 'handler', 分管领导: 'leader-in-charge', 科室负责人: 'department-head', 主要领导: 'main-leader', 驻委纪检监察组: 'external-discipline' };
const MEETING_BODIES = { 党委会或委务会: ['party-committee', 'commission-affairs'] };

/** @param {string | null} name */
function actor(name) {
  if (name === null) return null;
  if (ROLE_OF[name]) return { kind: 'role', ref: ROLE_OF[name] };
  if (UNIT_CODES[name]) return { kind: 'unit', ref: UNIT_CODES[name] };
  return { kind: 'external', ref: name };
}

const INCOMPLETE_FIRST_STEP_IS_SUBMIT = new Set(['PI-006', 'PI-007']);
const document = { title: `《${items.title}》`, docNo: null };

const powerItems = items.items.map((it) => {
  const steps = it.steps.map((s, i) => {
    const meeting = s.kind === 'meeting';
    return {
      name: s.name,
      kind: i === 0 && INCOMPLETE_FIRST_STEP_IS_SUBMIT.has(it.code) ? 'submit' : s.kind,
      actor: meeting ? null : actor(s.actor),
      meetingBodies: meeting ? (MEETING_BODIES[s.actor] ?? ['party-committee']) : [],
      timeLimitDays: null,
      riskPoints: s.riskPoints,
      controlMeasures: s.controlMeasures,
      internalSupervisors: s.internalSupervisors.map(actor),
      externalSupervisors: s.externalSupervisors.map(actor),
    };
  });
  const complete = steps.length > 0 && steps[0].kind === 'submit' && steps.every((s) => s.name !== null && (s.actor !== null || s.kind === 'meeting'));
  return {
    publish: complete,
    request: {
      code: it.code,
      name: it.name,
      category: it.category,
      handlingUnitCode: UNIT_CODES[it.department],
      legalBasis: it.legalBasis.length > 0 ? it.legalBasis.map((b) => ({ title: b.title, docNo: b.docNo ?? null })) : [document],
      subject: items.issuer.replace(/党委$/, ''),
      conditions: null,
      procedure: steps.map((s, i) => `${i + 1}. ${s.name ?? '（原文缺失）'}`).join('\n'),
      timeLimitDays: null,
      responsibility: null,
      supervisionMode: '内部监督重在全过程监督，外部监督重在全履职监督',
      flow: { steps, sharedBlocks: it.sharedBlocks.map((b) => ({ id: b.id, appliesToSteps: b.appliesToSteps, riskPoints: b.riskPoints, controlMeasures: b.controlMeasures })) },
    },
  };
});

/** Seed duties of one role as one list. */
function list(code, role, fixtureRole, organisation, title, source) {
  const own = duties.duties.filter((d) => d.role === fixtureRole && d.source.file.startsWith(source));
  return {
    publish: true,
    request: {
      code,
      title,
      role,
      organisation,
      duties: own.map((d) => ({
        title: d.title ?? null,
        text: d.text,
        cadence: d.cadence.map(({ before: _before, ...c }) => c),
        evidence: d.evidence.map((e) => ({ record: e.record, stated: e.stated })),
      })),
    },
  };
}

/**
 * The demo enterprise's 大额资金使用 power: the handler applies, the finance manager and the leader in
 * charge review, the Party committee decides collectively (三重一大), the finance department issues
 * the approval. Risk points and controls are the seed's own wording (000: 会议审批、下达意见 rows).
 */
function largeFundsItem() {
  const step = (name, kind, actor, extra = {}) => ({ name, kind, actor, meetingBodies: [], timeLimitDays: null, riskPoints: [], controlMeasures: [], internalSupervisors: [], externalSupervisors: [], ...extra });
  return {
    code: 'JT-CW-001',
    name: '大额资金使用审批',
    category: '财务',
    handlingUnitCode: 'JT-CWB',
    legalBasis: [{ title: '《关于推进台州市市属企业“阳光国企”建设的意见（试行）》', docNo: null }],
    subject: capital.name,
    conditions: '单笔或同一事项累计达到“三重一大”金额标准的资金支付、对外借款、担保和捐赠',
    procedure: '1. 经办人提出申请\n2. 财务部审核\n3. 分管领导审核\n4. 党委会集体决策\n5. 下达批复',
    timeLimitDays: 20,
    responsibility: '财务部对资金使用的真实性、合规性负责；分管领导对审核意见负责；党委会集体决策、终身负责',
    supervisionMode: '内部监督重在全过程监督，外部监督重在全履职监督',
    flow: {
      steps: [
        step('提出申请', 'submit', { kind: 'role', ref: 'handler' }, { timeLimitDays: 2 }),
        step('财务部审核', 'review', { kind: 'post', ref: 'JT-CWB-JL' }, {
          timeLimitDays: 3,
          riskPoints: ['复核、审核人员不按照相关政策规定严格审查资料，审查资料不仔细'],
          controlMeasures: ['审核、审批人必须签署或发表明确的意见'],
          internalSupervisors: [{ kind: 'unit', ref: 'JT-JW' }],
        }),
        step('分管领导审核', 'review', { kind: 'role', ref: 'leader-in-charge' }, {
          timeLimitDays: 3,
          riskPoints: ['因私或领导意见，违规同意实施'],
          controlMeasures: ['审批要件、流程和相关规定公开、透明'],
          internalSupervisors: [{ kind: 'role', ref: 'main-leader' }],
        }),
        step('党委会集体决策', 'meeting', null, {
          meetingBodies: ['party-committee'],
          timeLimitDays: 15,
          riskPoints: ['该上会不上会，个人意志代表集体决定'],
          controlMeasures: ['召开党委会，集体研究确定', '主要领导末位表态', '半数以上领导班子成员同意'],
          externalSupervisors: [{ kind: 'role', ref: 'external-discipline' }],
        }),
        step('下达批复', 'issue', { kind: 'post', ref: 'JT-CWB-JL' }, {
          timeLimitDays: 5,
          riskPoints: ['擅自改变决策事项，或选择性执行'],
          controlMeasures: ['将印发文件与会议决策记录比对'],
          internalSupervisors: [{ kind: 'unit', ref: 'JT-JW' }],
        }),
      ],
      sharedBlocks: [],
    },
  };
}

const sasac = realm.tenants.find((t) => t.alias === 'gy-sasac');
const capital = realm.tenants.find((t) => t.alias === 'gy-capital');
const usersOf = (alias) => realm.users.filter((u) => u.tenant === alias);

const out = {
  $comment: 'Generated by tools/scripts/make-demo-data.mjs from the fixture copies beside it; do not edit by hand.',
  tenants: {
    'gy-sasac': {
      orgUnits: [
        { code: 'GZW', name: sasac.name, parentCode: null },
        { code: 'BGS', name: '办公室', parentCode: 'GZW' },
        { code: 'CQK', name: '产权科', parentCode: 'GZW' },
        { code: 'QYGGK', name: '企业改革科', parentCode: 'GZW' },
        { code: 'CKK', name: '财考科', parentCode: 'GZW' },
        { code: 'TZK', name: '投资科', parentCode: 'GZW' },
        { code: 'JGJW', name: '机关纪委', parentCode: 'GZW' },
      ],
      posts: [
        { code: 'GZW-SJ', name: '党委书记、主任', unitCode: 'GZW' },
        { code: 'GZW-FZR', name: '党委委员、副主任', unitCode: 'GZW' },
        { code: 'BGS-ZR', name: '办公室主任（廉洁办）', unitCode: 'BGS' },
        { code: 'BGS-XXY', name: '信息管理员', unitCode: 'BGS' },
        { code: 'CQK-KZ', name: '科长', unitCode: 'CQK' },
        { code: 'CQK-JB', name: '经办人员', unitCode: 'CQK' },
        { code: 'JGJW-SJ', name: '机关纪委书记', unitCode: 'JGJW' },
        { code: 'JGJW-JC', name: '纪检监察员', unitCode: 'JGJW' },
      ],
      people: usersOf('gy-sasac').map((u) => ({ username: u.username, name: u.name, subject: u.id })),
      holdings: [
        ['gzw-secretary', 'GZW-SJ'],
        ['gzw-leader', 'GZW-FZR'],
        ['gzw-member', 'GZW-FZR'],
        ['gzw-integrity', 'BGS-ZR'],
        ['gzw-admin', 'BGS-XXY'],
        ['gzw-head', 'CQK-KZ'],
        ['gzw-handler', 'CQK-JB'],
        ['gzw-discipline', 'JGJW-SJ'],
        ['gzw-auditor', 'JGJW-JC'],
      ].map(([username, post]) => ({ username, post, startOn: '2020-01-01' })),
      leadership: [
        { username: 'gzw-secretary', position: 'main-leader', title: '党委书记、主任', startOn: '2020-01-01', charges: ['BGS', 'JGJW'] },
        { username: 'gzw-leader', position: 'member', title: '党委委员、副主任', startOn: '2020-01-01', charges: ['CQK', 'QYGGK'] },
        { username: 'gzw-member', position: 'member', title: '党委委员、副主任', startOn: '2020-01-01', charges: ['CKK', 'TZK'] },
      ],
      powerItems,
      responsibilityLists: [
        list('GZW-ZR-DW', 'party-committee', 'partyCommittee', duties.sources[0].issuer, '2020年全面从严治党主体责任清单（党委主体责任）', '000'),
        list('GZW-ZR-SJ', 'secretary', 'secretary', duties.sources[0].issuer, '2020年全面从严治党主体责任清单（党委书记第一责任人）', '000'),
        list('GZW-ZR-BZ', 'leadership-member', 'leadershipMember', duties.sources[0].issuer, '2020年全面从严治党主体责任清单（班子成员“一岗双责”）', '000'),
      ],
      publication: { scope: 'supervisor', note: '广元市国资委权力清单、重点权力运行流程图和全面从严治党主体责任清单（演示数据）' },
    },
    'gy-capital': {
      orgUnits: [
        { code: 'JT', name: capital.name, parentCode: null },
        { code: 'JT-BGS', name: '集团办公室', parentCode: 'JT' },
        { code: 'JT-CWB', name: '财务部', parentCode: 'JT' },
        { code: 'JT-TZB', name: '投资发展部', parentCode: 'JT' },
        { code: 'JT-FWB', name: '法务合规部', parentCode: 'JT' },
        { code: 'JT-JW', name: '集团纪委', parentCode: 'JT' },
      ],
      posts: [
        { code: 'JT-BGS-ZR', name: '办公室主任', unitCode: 'JT-BGS' },
        { code: 'JT-CWB-JL', name: '财务部经理', unitCode: 'JT-CWB' },
        { code: 'JT-CWB-JB', name: '财务部经办人员', unitCode: 'JT-CWB' },
        { code: 'JT-FWB-JL', name: '法务合规部经理', unitCode: 'JT-FWB' },
        { code: 'JT-JW-JC', name: '纪检监察员', unitCode: 'JT-JW' },
      ],
      people: usersOf('gy-capital').map((u) => ({ username: u.username, name: u.name, subject: u.id })),
      holdings: [
        ['capital-admin', 'JT-BGS-ZR'],
        ['capital-head', 'JT-CWB-JL'],
        ['capital-handler', 'JT-CWB-JB'],
        ['capital-integrity', 'JT-FWB-JL'],
        ['capital-discipline', 'JT-JW-JC'],
      ].map(([username, post]) => ({ username, post, startOn: '2021-01-01' })),
      // A seven-member Party committee: the secretary states last (末位表态) and, under 四个不直接分管,
      // is not in charge of finance, personnel, procurement or construction.
      leadership: [
        { username: 'capital-secretary', position: 'main-leader', title: '党委书记、董事长', startOn: '2021-01-01', charges: ['JT-BGS'] },
        { username: 'capital-gm', position: 'member', title: '党委副书记、总经理', startOn: '2021-01-01', charges: ['JT-FWB'] },
        { username: 'capital-leader', position: 'member', title: '党委委员、副总经理', startOn: '2021-01-01', charges: ['JT-CWB'] },
        { username: 'capital-member', position: 'member', title: '党委委员、副总经理', startOn: '2021-01-01', charges: ['JT-TZB'] },
        { username: 'capital-deputy', position: 'member', title: '党委委员、副总经理', startOn: '2021-01-01', charges: [] },
        { username: 'capital-cfo', position: 'member', title: '党委委员、总会计师', startOn: '2021-01-01', charges: [] },
        { username: 'capital-jwsj', position: 'member', title: '党委委员、纪委书记', startOn: '2021-01-01', charges: ['JT-JW'] },
      ],
      powerItems: [{ publish: true, request: largeFundsItem() }],
      // Seed 002 is another group's rules (大连市星海湾开发建设集团); the demo enterprise adopts them as its own.
      responsibilityLists: [
        list('JT-ZR-BZ', 'leadership-team', 'leadershipTeam', capital.name, '集团党组织履行全面从严治党主体责任清单（领导班子）', '002'),
        list('JT-ZR-ZY', 'main-leader', 'mainLeader', capital.name, '集团党组织履行全面从严治党主体责任清单（主要负责人）', '002'),
        list('JT-ZR-CY', 'leadership-member', 'leadershipMember', capital.name, '集团党组织履行全面从严治党主体责任清单（班子其他成员）', '002'),
        list('JT-ZR-BGS', 'office', 'office', capital.name, '集团党组织履行全面从严治党主体责任清单（集团办公室）', '002'),
        list('JT-ZR-JW', 'discipline-committee', 'disciplineCommittee', capital.name, '集团党组织履行全面从严治党主体责任清单（集团纪委）', '002'),
      ],
      publication: null,
    },
  },
};

writeFileSync(join(demoDir, 'power-list-demo.json'), `${JSON.stringify(out, null, 2)}\n`);
const s = out.tenants['gy-sasac'];
console.log(`power-list-demo.json: ${s.powerItems.length} power items (${s.powerItems.filter((p) => p.publish).length} to publish), ${s.responsibilityLists.length} + ${out.tenants['gy-capital'].responsibilityLists.length} responsibility lists`);
