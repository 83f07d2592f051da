import { PowerCategory } from '@qinglian/contracts';
import { CATEGORIES, categoryLabel, format, LANGS, MESSAGES, type Messages, parseLang, ROLES, roleLabel, tenantKindLabel } from './messages';

/** Every leaf path of a message table, e.g. `header.signOut`. */
function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('message tables', () => {
  const zh = MESSAGES['zh-CN'];
  const en = MESSAGES['en-US'];

  it('have the same keys in every language, and no empty text', () => {
    const keys = (m: Messages) => leaves(m).map(([k]) => k).sort();
    for (const lang of LANGS) {
      expect(keys(MESSAGES[lang])).toEqual(keys(zh));
      for (const [key, text] of leaves(MESSAGES[lang])) {
        expect({ key, ok: typeof text === 'string' && text.trim().length > 0 }).toEqual({ key, ok: true });
      }
    }
  });

  it('are Chinese first and English in English', () => {
    expect(LANGS[0]).toBe('zh-CN');
    expect(zh.nav).toMatchObject({ powerList: '权力清单', approvals: '决策审批', risks: '廉洁风险', assessment: '责任考核', accountability: '责任追究' });
    expect(zh.header.signOut).toBe('退出登录');
    expect(zh.header.readOnly).toBe('只读');
    for (const [key, text] of leaves(en)) {
      if (key === 'app.fullName' || key === 'langName') continue;
      expect({ key, chinese: /[\u4e00-\u9fff]/.test(String(text)) }).toEqual({ key, chinese: false });
    }
  });

  it('name every realm role in both languages, and show an unknown role as it is', () => {
    expect(ROLES).toHaveLength(11);
    expect(ROLES.map((r) => roleLabel(zh, r))).toEqual([
      '经办人员',
      '科室负责人',
      '分管领导',
      '主要领导/党委书记',
      '班子成员',
      '廉洁风险防控办公室',
      '纪委/机关纪委',
      '派驻纪检监察组',
      '国资委监管',
      '审计',
      '租户管理员',
    ]);
    expect(roleLabel(en, 'tenant-admin')).toBe('Tenant administrator');
    expect(roleLabel(zh, 'some-new-role')).toBe('some-new-role');
    expect(roleLabel(zh, 'toString')).toBe('toString');
  });

  it('list exactly the power item categories of the contracts', () => {
    expect([...CATEGORIES].sort()).toEqual(Object.values(PowerCategory).sort());
    expect(categoryLabel(zh, PowerCategory.Review)).toBe('审核/核准');
    expect(categoryLabel(en, 'unknown')).toBe('unknown');
    expect(tenantKindLabel(zh, 'supervisor')).toBe('监管机构');
  });
});

describe('parseLang', () => {
  it('keeps a known language and falls back to Chinese', () => {
    expect(parseLang('en-US')).toBe('en-US');
    expect(parseLang('zh-CN')).toBe('zh-CN');
    expect(parseLang(null)).toBe('zh-CN');
    expect(parseLang('fr-FR')).toBe('zh-CN');
  });
});

describe('format', () => {
  it('fills named placeholders and leaves unknown ones', () => {
    expect(format('共 {total} 项', { total: 3 })).toBe('共 3 项');
    expect(format('{a} and {b}', { a: 'x' })).toBe('x and {b}');
  });
});
