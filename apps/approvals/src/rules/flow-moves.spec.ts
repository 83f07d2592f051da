import { nextStep, returnRefusal } from './flow-moves';

describe('returnRefusal (退回)', () => {
  it.each([
    [2, 1],
    [3, 1],
    [3, 2],
    [7, 1],
    [7, 6],
  ])('lets step %i return to step %i', (current, to) => {
    expect(returnRefusal(current, to)).toBeNull();
  });

  it.each([
    [3, undefined, /^退回须指明退回到哪一步（toStep） \/ a return needs toStep$/],
    [3, 3, /只能退回到第 1 至第 2 步 \/ toStep must be an earlier step \(1–2\)/],
    [3, 4, /只能退回到第 1 至第 2 步/],
    [3, 0, /只能退回到第 1 至第 2 步/],
    [3, -1, /只能退回到第 1 至第 2 步/],
    [3, 1.5, /只能退回到第 1 至第 2 步/],
    [3, Number.NaN, /只能退回到第 1 至第 2 步/],
    [1, 1, /^第 1 步之前没有可退回的步骤 \/ there is no earlier step to return to \(toStep\)$/],
    [1, 0, /没有可退回的步骤/],
    [1, undefined, /a return needs toStep/],
  ])('refuses step %i returning to %j', (current, to, message) => {
    expect(returnRefusal(current, to)).toMatch(message);
  });
});

describe('nextStep', () => {
  it.each([
    [1, 5, 2],
    [4, 5, 5],
    [5, 5, null],
    [1, 1, null],
    [6, 5, null],
  ])('after step %i of %i → %j', (current, count, next) => {
    expect(nextStep(current, count)).toBe(next);
  });
});
