import type { PowerItem, ResponsibilityList } from '../api/types';
import { dutyBody, dutyFormValues, listFields, listFormValues, powerItemFields, powerItemFormValues, textOrNull } from './forms';

describe('power item forms', () => {
  it('send trimmed text and null for what is not stated, dropping empty legal bases', () => {
    expect(
      powerItemFields({
        name: ' 产权处置审核 ',
        category: '产权',
        handlingUnitCode: 'CQK',
        legalBasis: [{ title: '《企业国有资产交易监督管理办法》', docNo: ' ' }, { title: ' ', docNo: '1号' }, { title: '《办法》', docNo: '广国资委[2019]212号' }],
        subject: '',
        timeLimitDays: 15,
        supervisionMode: '  事中监督 ',
      }),
    ).toEqual({
      name: '产权处置审核',
      category: '产权',
      handlingUnitCode: 'CQK',
      legalBasis: [
        { title: '《企业国有资产交易监督管理办法》', docNo: null },
        { title: '《办法》', docNo: '广国资委[2019]212号' },
      ],
      subject: null,
      conditions: null,
      procedure: null,
      timeLimitDays: 15,
      responsibility: null,
      supervisionMode: '事中监督',
    });
    expect(textOrNull(undefined)).toBeNull();
  });

  it('fill the edit form from a version', () => {
    const item = { code: 'PI-001', name: 'n', category: '产权', handlingUnitCode: 'CQK', legalBasis: [{ title: 't' }], subject: null, conditions: 'c', procedure: null, timeLimitDays: null, responsibility: null, supervisionMode: null } as unknown as PowerItem;
    expect(powerItemFormValues(item)).toMatchObject({ code: 'PI-001', legalBasis: [{ title: 't', docNo: null }], conditions: 'c' });
  });
});

describe('duty forms', () => {
  it('round-trip a duty, keeping which evidence the text states', () => {
    const duty = {
      number: 1,
      title: '研究部署',
      text: '每半年至少专题研究1次党风廉政建设工作',
      cadence: [{ every: 'halfYear' as const, times: 1, atLeast: true }],
      evidence: [
        { record: '会议纪要', stated: true },
        { record: '工作台账', stated: false },
      ],
    };
    const values = dutyFormValues(duty);
    expect(values.evidence).toEqual(['会议纪要', '工作台账']);
    expect(dutyBody(values)).toEqual({ title: '研究部署', text: duty.text, cadence: duty.cadence, evidence: duty.evidence });
    expect(dutyBody({ ...values, title: ' ', evidence: ['会议纪要', '签到表'], cadence: [{ mode: 'every' }] })).toEqual({
      title: null,
      text: duty.text,
      cadence: [],
      evidence: [
        { record: '会议纪要', stated: true },
        { record: '签到表', stated: false },
      ],
    });
  });
});

describe('responsibility list forms', () => {
  it('fill the edit form with the duties in order and send them back', () => {
    const list = {
      code: 'RL-PC-2020',
      title: '2020年党委全面从严治党主体责任清单',
      role: 'party-committee',
      organisation: '  ',
      duties: [
        { number: 2, title: null, text: '第二条', cadence: [], evidence: [] },
        { number: 1, title: null, text: '第一条', cadence: [{ periodic: true }], evidence: [] },
      ],
    } as unknown as ResponsibilityList;
    const values = listFormValues(list);
    expect(values.duties?.map((d) => d.text)).toEqual(['第一条', '第二条']);
    expect(listFields(values)).toEqual({
      title: '2020年党委全面从严治党主体责任清单',
      role: 'party-committee',
      organisation: null,
      duties: [
        { title: null, text: '第一条', cadence: [{ periodic: true }], evidence: [] },
        { title: null, text: '第二条', cadence: [], evidence: [] },
      ],
    });
  });
});
