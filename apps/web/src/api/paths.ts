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
