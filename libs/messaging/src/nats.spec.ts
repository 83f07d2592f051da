import { subjectCovers } from './nats';

describe('subjectCovers', () => {
  it.each([
    ['evt.>', 'evt.approvals.>', true],
    ['evt.>', 'evt.approvals.vote.cast', true],
    ['evt.>', 'evt', false],
    ['evt.*.>', 'evt.approvals.>', true],
    ['evt.*', 'evt.approvals', true],
    ['evt.*', 'evt.approvals.vote', false],
    ['evt.*', 'evt.>', false],
    ['evt.approvals.>', 'evt.>', false],
    ['evt.approvals.>', 'evt.risk.>', false],
    ['evt.a', 'evt.a', true],
    ['evt.a', 'evt.b', false],
    ['evt.a.b', 'evt.a', false],
  ])('%s covers %s: %s', (pattern, subject, expected) => {
    expect(subjectCovers(pattern, subject)).toBe(expected);
  });
});
