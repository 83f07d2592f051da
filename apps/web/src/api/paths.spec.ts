import { approvalPaths, approvalRoutes, documentPaths, paths, routes } from './paths';

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

describe('approvals paths', () => {
  it('spell the gateway endpoints of matters, meetings, decisions, policy and alerts', () => {
    expect(approvalPaths.policy).toBe('/api/v1/approvals/policy');
    expect(approvalPaths.policyVersions).toBe('/api/v1/approvals/policy/versions');
    expect(approvalPaths.matters).toBe('/api/v1/matters');
    expect(approvalPaths.matter('m1')).toBe('/api/v1/matters/m1');
    expect(approvalPaths.act('m1')).toBe('/api/v1/matters/m1/act');
    expect(approvalPaths.withdraw('m1')).toBe('/api/v1/matters/m1/withdraw');
    expect(approvalPaths.attachments('m1')).toBe('/api/v1/matters/m1/attachments');
    expect(approvalPaths.attachment('m1', 'a1')).toBe('/api/v1/matters/m1/attachments/a1');
    expect(approvalPaths.filing('m1')).toBe('/api/v1/matters/m1/filing');
    expect(approvalPaths.signFiling('m1')).toBe('/api/v1/matters/m1/filing/sign');
    expect(approvalPaths.issuances('m1')).toBe('/api/v1/matters/m1/issuances');
    expect(approvalPaths.executionReports('m1')).toBe('/api/v1/matters/m1/execution-reports');
    expect(approvalPaths.evaluation('m1')).toBe('/api/v1/matters/m1/evaluation');
    expect(approvalPaths.todos).toBe('/api/v1/todos');
    expect(approvalPaths.meeting('g1')).toBe('/api/v1/meetings/g1');
    expect(approvalPaths.attendance('g1')).toBe('/api/v1/meetings/g1/attendance');
    expect(approvalPaths.openMeeting('g1')).toBe('/api/v1/meetings/g1/open');
    expect(approvalPaths.closeMeeting('g1')).toBe('/api/v1/meetings/g1/close');
    expect(approvalPaths.agenda('g1')).toBe('/api/v1/meetings/g1/agenda');
    expect(approvalPaths.recusals('g1', 'i1')).toBe('/api/v1/meetings/g1/agenda/i1/recusals');
    expect(approvalPaths.positions('g1', 'i1')).toBe('/api/v1/meetings/g1/agenda/i1/positions');
    expect(approvalPaths.conclude('g1', 'i1')).toBe('/api/v1/meetings/g1/agenda/i1/conclude');
    expect(approvalPaths.decision('d1')).toBe('/api/v1/decisions/d1');
    expect(approvalPaths.verifyDecision('d1')).toBe('/api/v1/decisions/d1/verify');
    expect(approvalPaths.printDecision('d1')).toBe('/api/v1/decisions/d1/print');
    expect(approvalPaths.alerts).toBe('/api/v1/alerts');
  });

  it('encode ids in console routes', () => {
    expect(approvalRoutes.matter('a/b')).toBe('/approvals/matters/a%2Fb');
    expect(approvalRoutes.matter('m1', 'filing')).toBe('/approvals/matters/m1?tab=filing');
    expect(approvalRoutes.meeting('g1')).toBe('/approvals/meetings/g1');
    expect(approvalRoutes.decision('d1')).toBe('/approvals/decisions/d1');
    expect(approvalRoutes.matterAlerts('m1')).toBe('/approvals/alerts?matterId=m1');
  });
});
