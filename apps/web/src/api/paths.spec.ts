import { documentPaths, paths, routes } from './paths';

describe('power-list paths', () => {
  it('spell the gateway endpoints of a versioned document', () => {
    const items = documentPaths('power-items');
    expect(items.list).toBe('/api/v1/power-items');
    expect(items.one('a1')).toBe('/api/v1/power-items/a1');
    expect(items.versions('a1')).toBe('/api/v1/power-items/a1/versions');
    expect(items.version('a1', 2)).toBe('/api/v1/power-items/a1/versions/2');
    expect(items.submit('a1', 2)).toBe('/api/v1/power-items/a1/versions/2/submit');
    expect(items.reviews('a1', 2)).toBe('/api/v1/power-items/a1/versions/2/reviews');
    expect(items.publish('a1', 2)).toBe('/api/v1/power-items/a1/versions/2/publish');
    expect(items.diff('a1')).toBe('/api/v1/power-items/a1/diff');
    expect(paths.responsibilityLists.submit('l1', 1)).toBe('/api/v1/responsibility-lists/l1/versions/1/submit');
  });

  it('spell the flow, chart, directory, Excel and publication endpoints', () => {
    expect(paths.flow('a1', 3)).toBe('/api/v1/power-items/a1/versions/3/flow');
    expect(paths.flowChart('a1', 3, 'svg')).toBe('/api/v1/power-items/a1/versions/3/flow.svg');
    expect(paths.flowChart('a1', 3, 'png')).toBe('/api/v1/power-items/a1/versions/3/flow.png');
    expect(paths.orgUnit('u1')).toBe('/api/v1/org-units/u1');
    expect(paths.endPostHolding('h1')).toBe('/api/v1/post-holdings/h1/end');
    expect(paths.endLeadershipMember('m1')).toBe('/api/v1/leadership/members/m1/end');
    expect(paths.endCharge('c1')).toBe('/api/v1/leadership/charges/c1/end');
    expect(paths.template('responsibility-lists')).toBe('/api/v1/excel/templates/responsibility-lists.xlsx');
    expect(paths.export).toBe('/api/v1/excel/export.xlsx');
    expect(paths.currentPublication).toBe('/api/v1/publications/current');
  });

  it('encode ids and name versions in console routes', () => {
    expect(documentPaths('power-items').one('a/b')).toBe('/api/v1/power-items/a%2Fb');
    expect(routes.item('a1')).toBe('/power-list/items/a1');
    expect(routes.item('a1', 2)).toBe('/power-list/items/a1?version=2');
    expect(routes.list('l1')).toBe('/power-list/responsibility-lists/l1');
  });
});
