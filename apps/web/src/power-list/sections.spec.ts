import { routes } from '../api/paths';
import { sectionOf } from './sections';

describe('sectionOf', () => {
  it('highlights the section of a page, detail pages under their list', () => {
    expect(sectionOf('/power-list')).toBe('items');
    expect(sectionOf('/power-list/')).toBe('items');
    expect(sectionOf(routes.item('3f2a', 2).split('?')[0]!)).toBe('items');
    expect(sectionOf('/power-list/directory')).toBe('directory');
    expect(sectionOf('/power-list/responsibility-lists')).toBe('lists');
    expect(sectionOf(routes.list('9c1d'))).toBe('lists');
    expect(sectionOf('/power-list/exchange')).toBe('exchange');
    expect(sectionOf('/power-list/publications')).toBe('publications');
    expect(sectionOf('/power-list/published')).toBe('publications');
    expect(sectionOf('/power-list/nowhere')).toBeUndefined();
  });
});
