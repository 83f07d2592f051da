// The console's own texts, one table per language (Chinese first). Ant Design's texts come from its
// locale packs (see LanguageProvider). Plain data and functions only, so Jest checks them in Node.
import type { PowerCategory } from '@qinglian/contracts';

/** Codes the gateway's /auth/callback sends back in `?signInError=` (apps/gateway session.controller.ts). */
export const SIGN_IN_FAILURES = ['no-tenant', 'realm-refused', 'expired', 'failed'] as const;
export type SignInFailure = (typeof SIGN_IN_FAILURES)[number];

export type Lang = 'zh-CN' | 'en-US';
export const LANGS: readonly Lang[] = ['zh-CN', 'en-US'];
export const DEFAULT_LANG: Lang = 'zh-CN';
/** localStorage key holding the reader's choice. */
export const LANG_STORAGE_KEY = 'qinglian.lang';

/** The realm roles (libs/auth `Role`); the console shows them by these names. */
export const ROLES = [
  'handler',
  'department-head',
  'leader-in-charge',
  'main-leader',
  'leadership-member',
  'integrity-office',
  'discipline-committee',
  'external-discipline',
  'supervisor-inspector',
  'auditor',
  'tenant-admin',
] as const;
export type RoleName = (typeof ROLES)[number];

/** Power item categories (libs/contracts `PowerCategory`), in the order the filter lists them. */
export const CATEGORIES = ['approval', 'review', 'filing', 'supervision', 'decision', 'personnel', 'finance', 'other'] as const satisfies readonly `${PowerCategory}`[];
export type CategoryName = (typeof CATEGORIES)[number];

export type AreaKey = 'powerList' | 'approvals' | 'risks' | 'assessment' | 'accountability';

export interface Messages {
  readonly langName: string;
  readonly app: {
    readonly name: string;
    readonly fullName: string;
    readonly tagline: string;
    readonly skipToContent: string;
    readonly loading: string;
  };
  readonly signIn: {
    readonly title: string;
    readonly description: string;
    readonly button: string;
    readonly note: string;
    /** Why the last sign-in did not start a session (`/?signInError=<code>` from the gateway). */
    readonly failed: string;
    readonly failures: Readonly<Record<SignInFailure, string>>;
  };
  readonly header: {
    readonly user: string;
    readonly tenant: string;
    readonly roles: string;
    readonly switchTenant: string;
    readonly readOnly: string;
    readonly readOnlyHint: string;
    readonly language: string;
    readonly signOut: string;
    readonly signOutFailed: string;
  };
  readonly nav: { readonly label: string } & Readonly<Record<AreaKey, string>>;
  readonly areas: Readonly<Record<Exclude<AreaKey, 'powerList'>, string>>;
  readonly placeholder: { readonly status: string; readonly body: string };
  readonly powerList: {
    readonly description: string;
    readonly filters: string;
    readonly category: string;
    readonly allCategories: string;
    readonly search: string;
    readonly searchPlaceholder: string;
    readonly reset: string;
    readonly tableCaption: string;
    readonly code: string;
    readonly name: string;
    readonly handlingUnit: string;
    readonly legalBasis: string;
    readonly empty: string;
    readonly emptyFiltered: string;
    readonly loadFailed: string;
    readonly retry: string;
    readonly total: string;
  };
  readonly errors: {
    readonly loadSessionFailed: string;
    readonly network: string;
    readonly unknown: string;
    readonly notFoundTitle: string;
    readonly notFoundBody: string;
    readonly backHome: string;
    readonly retry: string;
  };
  readonly tenantKinds: Readonly<Record<'supervisor' | 'enterprise', string>>;
  readonly roles: Readonly<Record<RoleName, string>>;
  readonly categories: Readonly<Record<CategoryName, string>>;
}

const zhCN: Messages = {
  langName: '中文',
  app: {
    name: '清廉',
    fullName: '清廉 · 廉洁风险防控平台',
    tagline: '廉洁风险防控平台：权力清单、决策审批、廉洁风险、责任考核与责任追究，一体化防控。',
    skipToContent: '跳到主要内容',
    loading: '正在加载…',
  },
  signIn: {
    title: '登录',
    description: '国有企业及其监管机构的廉洁风险防控平台：明晰权力、规范决策、防控风险、考核问责。',
    button: '登录',
    note: '使用单位统一身份认证账号登录。',
    failed: '未能登录',
    failures: {
      'no-tenant': '该账号未归属任何已登记的单位，无法进入平台。请联系本单位管理员，或换用其他账号登录。',
      'realm-refused': '统一身份认证服务拒绝了本次登录。请重试，或联系管理员。',
      expired: '登录已超时或已使用过，请重新登录。',
      failed: '登录未能完成，请重试。',
    },
  },
  header: {
    user: '当前用户',
    tenant: '所属单位',
    roles: '角色',
    switchTenant: '查看单位',
    readOnly: '只读',
    readOnlyHint: '正在查看下级单位的数据，只能查看，不能修改。',
    language: '语言',
    signOut: '退出登录',
    signOutFailed: '退出登录失败，请重试。',
  },
  nav: {
    label: '主导航',
    powerList: '权力清单',
    approvals: '决策审批',
    risks: '廉洁风险',
    assessment: '责任考核',
    accountability: '责任追究',
  },
  areas: {
    approvals: '按权力事项的运行流程办理事项；“三重一大”事项集体决策：会前合法合规审查、会上一人一票与末位表态、决策全程记录，会后对印发文件与决策记录进行比对并跟踪落实。',
    risks: '岗位、单元、领导、权力事项和流程环节的廉洁风险点，风险等级评定（高、中、低），防控措施与分级审核，廉洁承诺、风险交底，以及预警与处置记录。',
    assessment: '将主体责任清单转为按期任务，收集会议纪要、台账等佐证材料，跟踪逾期与提醒，开展季度检查和年度考核、民主测评并公开结果。',
    accountability: '从信访举报、审计、巡察、预警和审批发现中受理线索，按立案、审批、调查、决定、执行办理问责案件，“一案双查”，认定集体责任，管理影响期和整改台账。',
  },
  placeholder: { status: '建设中', body: '本模块将在后续版本中提供，目前没有数据。' },
  powerList: {
    description: '本单位的权力事项：事项编码、名称、类别、承办单元和制度依据。',
    filters: '筛选权力事项',
    category: '类别',
    allCategories: '全部类别',
    search: '搜索',
    searchPlaceholder: '按编码或名称搜索',
    reset: '重置',
    tableCaption: '权力事项列表',
    code: '事项编码',
    name: '事项名称',
    handlingUnit: '承办单元',
    legalBasis: '制度依据',
    empty: '暂无权力事项',
    emptyFiltered: '没有符合条件的权力事项',
    loadFailed: '权力事项加载失败：{reason}',
    retry: '重试',
    total: '共 {total} 项',
  },
  errors: {
    loadSessionFailed: '无法获取登录信息',
    network: '无法连接到服务器，请检查网络后重试。',
    unknown: '发生未知错误',
    notFoundTitle: '页面不存在',
    notFoundBody: '您访问的页面不存在。',
    backHome: '返回首页',
    retry: '重试',
  },
  tenantKinds: { supervisor: '监管机构', enterprise: '企业' },
  roles: {
    handler: '经办人员',
    'department-head': '科室负责人',
    'leader-in-charge': '分管领导',
    'main-leader': '主要领导/党委书记',
    'leadership-member': '班子成员',
    'integrity-office': '廉洁风险防控办公室',
    'discipline-committee': '纪委/机关纪委',
    'external-discipline': '派驻纪检监察组',
    'supervisor-inspector': '国资委监管',
    auditor: '审计',
    'tenant-admin': '租户管理员',
  },
  categories: {
    approval: '行政审批',
    review: '审核/核准',
    filing: '确认/备案',
    supervision: '监督检查',
    decision: '决策',
    personnel: '人事',
    finance: '财务/资金',
    other: '其他',
  },
};

const enUS: Messages = {
  langName: 'English',
  app: {
    name: 'Qinglian',
    fullName: 'Qinglian · Integrity Risk Prevention',
    tagline: 'Integrity risk prevention: power lists, decisions and approvals, integrity risks, responsibility checks and accountability in one place.',
    skipToContent: 'Skip to main content',
    loading: 'Loading…',
  },
  signIn: {
    title: 'Sign in',
    description: 'Integrity risk prevention for state-owned enterprises and their supervisors: clear powers, sound decisions, controlled risks, accountability.',
    button: 'Sign in',
    note: 'Sign in with your organisation’s single sign-on account.',
    failed: 'Sign-in failed',
    failures: {
      'no-tenant': 'This account belongs to no registered organisation, so it cannot use the platform. Ask your administrator, or sign in with another account.',
      'realm-refused': 'The single sign-on service refused this sign-in. Try again, or ask your administrator.',
      expired: 'The sign-in timed out or was already used. Please sign in again.',
      failed: 'The sign-in could not be completed. Please try again.',
    },
  },
  header: {
    user: 'Signed in as',
    tenant: 'Organisation',
    roles: 'Roles',
    switchTenant: 'Viewing organisation',
    readOnly: 'Read only',
    readOnlyHint: 'You are viewing an organisation under supervision: you can read, not change.',
    language: 'Language',
    signOut: 'Sign out',
    signOutFailed: 'Sign-out failed, please try again.',
  },
  nav: {
    label: 'Main navigation',
    powerList: 'Power list',
    approvals: 'Decisions & approvals',
    risks: 'Integrity risks',
    assessment: 'Responsibility checks',
    accountability: 'Accountability',
  },
  areas: {
    approvals: 'Matters run through the flow of their power item; "three majors and one large" matters are decided collectively: compliance review before the meeting, one person one vote with the main leader last, a complete decision record, and afterwards the issued document compared with the record and execution tracked.',
    risks: 'Integrity risk points of posts, units, leaders, power items and flow steps; rating (high, medium, low); control measures reviewed by hierarchy; commitments and briefings; early warnings and their disposal.',
    assessment: 'Responsibility lists turned into dated tasks, evidence such as minutes and ledgers, overdue tracking and reminders, quarterly checks and the annual assessment, democratic evaluation and published results.',
    accountability: 'Clues from petitions, audits, inspections, warnings and approval findings; cases from raising to carrying out, examining the leadership too; collective liability, influence periods and rectification ledgers.',
  },
  placeholder: { status: 'Coming soon', body: 'This area arrives in a later release; it holds no data yet.' },
  powerList: {
    description: 'The power items of your organisation: code, name, category, handling unit and legal basis.',
    filters: 'Filter power items',
    category: 'Category',
    allCategories: 'All categories',
    search: 'Search',
    searchPlaceholder: 'Search by code or name',
    reset: 'Reset',
    tableCaption: 'Power items',
    code: 'Code',
    name: 'Name',
    handlingUnit: 'Handling unit',
    legalBasis: 'Legal basis',
    empty: 'No power items yet',
    emptyFiltered: 'No power items match the filters',
    loadFailed: 'Could not load the power items: {reason}',
    retry: 'Retry',
    total: 'Total: {total}',
  },
  errors: {
    loadSessionFailed: 'Could not load your sign-in',
    network: 'Cannot reach the server. Check the network and try again.',
    unknown: 'Something went wrong',
    notFoundTitle: 'Page not found',
    notFoundBody: 'The page you asked for does not exist.',
    backHome: 'Back to the start',
    retry: 'Try again',
  },
  tenantKinds: { supervisor: 'Supervisor', enterprise: 'Enterprise' },
  roles: {
    handler: 'Handler',
    'department-head': 'Department head',
    'leader-in-charge': 'Leader in charge',
    'main-leader': 'Main leader / Party secretary',
    'leadership-member': 'Leadership-team member',
    'integrity-office': 'Integrity office',
    'discipline-committee': 'Discipline committee',
    'external-discipline': 'External discipline group',
    'supervisor-inspector': 'Supervisor inspector',
    auditor: 'Auditor',
    'tenant-admin': 'Tenant administrator',
  },
  categories: {
    approval: 'Approval',
    review: 'Review / ratification',
    filing: 'Confirmation / filing',
    supervision: 'Supervision and inspection',
    decision: 'Decision',
    personnel: 'Personnel',
    finance: 'Finance',
    other: 'Other',
  },
};

export const MESSAGES: Readonly<Record<Lang, Messages>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** The stored or requested language, or Chinese when it is missing or unknown. */
export function parseLang(value: string | null | undefined): Lang {
  return LANGS.find((l) => l === value) ?? DEFAULT_LANG;
}

function isKey<K extends string>(table: Readonly<Record<K, string>>, key: string): key is K {
  return Object.hasOwn(table, key);
}

/** A role's name in the language; a role the console does not know is shown as it is. */
export function roleLabel(m: Messages, role: string): string {
  return isKey(m.roles, role) ? m.roles[role] : role;
}

export function categoryLabel(m: Messages, category: string): string {
  return isKey(m.categories, category) ? m.categories[category] : category;
}

export function tenantKindLabel(m: Messages, kind: string): string {
  return isKey(m.tenantKinds, kind) ? m.tenantKinds[kind] : kind;
}

/** Fills `{name}` placeholders: `format('共 {total} 项', { total: 3 })` → `共 3 项`. */
export function format(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = values[name];
    return v === undefined ? whole : String(v);
  });
}
