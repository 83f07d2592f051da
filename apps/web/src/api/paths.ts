// The gateway's power-list paths (tmp/power-list-spec.md "Gateway HTTP API"), in one place so pages
// do not spell URLs. Ids are path segments: encoded, though they are UUIDs.

const API = '/api/v1';
const seg = (value: string | number): string => encodeURIComponent(String(value));

/** The two versioned documents: same lifecycle endpoints under different roots. */
export type DocumentRoot = 'power-items' | 'responsibility-lists';

export interface DocumentPaths {
  readonly list: string;
  one(id: string): string;
  versions(id: string): string;
  version(id: string, no: number): string;
  submit(id: string, no: number): string;
  reviews(id: string, no: number): string;
  publish(id: string, no: number): string;
  diff(id: string): string;
}

export function documentPaths(root: DocumentRoot): DocumentPaths {
  const list = `${API}/${root}`;
  const version = (id: string, no: number) => `${list}/${seg(id)}/versions/${seg(no)}`;
  return {
    list,
    one: (id) => `${list}/${seg(id)}`,
    versions: (id) => `${list}/${seg(id)}/versions`,
    version,
    submit: (id, no) => `${version(id, no)}/submit`,
    reviews: (id, no) => `${version(id, no)}/reviews`,
    publish: (id, no) => `${version(id, no)}/publish`,
    diff: (id) => `${list}/${seg(id)}/diff`,
  };
}

export const paths = {
  orgUnits: `${API}/org-units`,
  orgUnit: (id: string) => `${API}/org-units/${seg(id)}`,
  posts: `${API}/posts`,
  people: `${API}/people`,
  person: (id: string) => `${API}/people/${seg(id)}`,
  postHoldings: `${API}/post-holdings`,
  endPostHolding: (id: string) => `${API}/post-holdings/${seg(id)}/end`,
  leadership: `${API}/leadership`,
  leadershipMembers: `${API}/leadership/members`,
  endLeadershipMember: (id: string) => `${API}/leadership/members/${seg(id)}/end`,
  charges: `${API}/leadership/charges`,
  endCharge: (id: string) => `${API}/leadership/charges/${seg(id)}/end`,
  powerItems: documentPaths('power-items'),
  powerItemCategories: `${API}/power-items/categories`,
  flow: (id: string, no: number) => `${documentPaths('power-items').version(id, no)}/flow`,
  flowChart: (id: string, no: number, format: 'svg' | 'png') => `${documentPaths('power-items').version(id, no)}/flow.${format}`,
  responsibilityLists: documentPaths('responsibility-lists'),
  template: (kind: DocumentRoot) => `${API}/excel/templates/${kind}.xlsx`,
  export: `${API}/excel/export.xlsx`,
  import: `${API}/excel/import`,
  publications: `${API}/publications`,
  currentPublication: `${API}/publications/current`,
  /** A published item's chart, readable by whoever may open the publication (a supervisor's people too). */
  publishedFlowChart: (id: string) => `${API}/publications/current/power-items/${seg(id)}/flow.svg`,
} as const;

/** Console routes of the power-list area. */
export const routes = {
  items: '/power-list',
  item: (id: string, version?: number) => `/power-list/items/${seg(id)}${version === undefined ? '' : `?version=${seg(version)}`}`,
  directory: '/power-list/directory',
  lists: '/power-list/responsibility-lists',
  list: (id: string, version?: number) => `/power-list/responsibility-lists/${seg(id)}${version === undefined ? '' : `?version=${seg(version)}`}`,
  exchange: '/power-list/exchange',
  publications: '/power-list/publications',
  published: '/power-list/published',
} as const;

// The gateway's approvals paths (tmp/approvals-api.md): policy, matters, meetings, decisions, alerts.
const matter = (id: string) => `${API}/matters/${seg(id)}`;
const meeting = (id: string) => `${API}/meetings/${seg(id)}`;
const agendaItem = (meetingId: string, itemId: string) => `${meeting(meetingId)}/agenda/${seg(itemId)}`;
const decision = (id: string) => `${API}/decisions/${seg(id)}`;

export const approvalPaths = {
  policy: `${API}/approvals/policy`,
  policyVersions: `${API}/approvals/policy/versions`,
  signingKeys: `${API}/approvals/signing-keys`,
  matters: `${API}/matters`,
  matter,
  act: (id: string) => `${matter(id)}/act`,
  withdraw: (id: string) => `${matter(id)}/withdraw`,
  attachments: (id: string) => `${matter(id)}/attachments`,
  attachment: (id: string, attachmentId: string) => `${matter(id)}/attachments/${seg(attachmentId)}`,
  filing: (id: string) => `${matter(id)}/filing`,
  signFiling: (id: string) => `${matter(id)}/filing/sign`,
  issuances: (id: string) => `${matter(id)}/issuances`,
  executionReports: (id: string) => `${matter(id)}/execution-reports`,
  evaluation: (id: string) => `${matter(id)}/evaluation`,
  todos: `${API}/todos`,
  filings: `${API}/filings`,
  meetings: `${API}/meetings`,
  meeting,
  attendance: (id: string) => `${meeting(id)}/attendance`,
  openMeeting: (id: string) => `${meeting(id)}/open`,
  closeMeeting: (id: string) => `${meeting(id)}/close`,
  agenda: (id: string) => `${meeting(id)}/agenda`,
  recusals: (id: string, itemId: string) => `${agendaItem(id, itemId)}/recusals`,
  positions: (id: string, itemId: string) => `${agendaItem(id, itemId)}/positions`,
  conclude: (id: string, itemId: string) => `${agendaItem(id, itemId)}/conclude`,
  decision,
  verifyDecision: (id: string) => `${decision(id)}/verify`,
  printDecision: (id: string) => `${decision(id)}/print`,
  alerts: `${API}/alerts`,
} as const;

/** Console routes of the approvals area (审批与“三重一大”决策). */
export const approvalRoutes = {
  root: '/approvals',
  todos: '/approvals/todos',
  matters: '/approvals/matters',
  /** A matter's page, optionally at a tab (flow, filing, attachments, decisions, execution). */
  matter: (id: string, tab?: string) => `/approvals/matters/${seg(id)}${tab === undefined ? '' : `?tab=${seg(tab)}`}`,
  meetings: '/approvals/meetings',
  meeting: (id: string) => `/approvals/meetings/${seg(id)}`,
  decision: (id: string) => `/approvals/decisions/${seg(id)}`,
  alerts: '/approvals/alerts',
  /** The alerts of one matter. */
  matterAlerts: (matterId: string) => `/approvals/alerts?matterId=${seg(matterId)}`,
  policy: '/approvals/policy',
} as const;
