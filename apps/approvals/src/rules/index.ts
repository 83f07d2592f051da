export * from './deadlines';
export * from './flow-moves';
export * from './majority';
export * from './ordering';
export * from './quorum';
export * from './requires-meeting';
export * from './splitting';
export * from './terms';
