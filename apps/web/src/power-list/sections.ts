// The sections of 权力清单 (its secondary navigation) and the console paths each covers: a detail
// page keeps its list's section highlighted.
import { routes } from '../api/paths';
import type { PowerListSection } from '../i18n/messages';

export interface Section {
  readonly key: PowerListSection;
  readonly path: string;
  /** Further paths of the section: exact, or every path below one ending in '/'. */
  readonly covers: readonly string[];
}

export const SECTIONS: readonly Section[] = [
  { key: 'items', path: routes.items, covers: ['/power-list/items/'] },
  { key: 'directory', path: routes.directory, covers: [] },
  { key: 'lists', path: routes.lists, covers: [`${routes.lists}/`] },
  { key: 'exchange', path: routes.exchange, covers: [] },
  { key: 'publications', path: routes.publications, covers: [routes.published] },
];

export function sectionOf(pathname: string): PowerListSection | undefined {
  const path = pathname.replace(/\/+$/, '') || '/';
  return SECTIONS.find((s) => s.path === path || s.covers.some((c) => (c.endsWith('/') ? path.startsWith(c) : path === c)))?.key;
}
