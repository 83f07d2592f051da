import { fileSize } from './files';

describe('fileSize', () => {
  it('reads bytes, kilobytes and megabytes', () => {
    expect(fileSize(812)).toBe('812 B');
    expect(fileSize(12_595)).toBe('12.3 KB');
    expect(fileSize(4_718_592)).toBe('4.5 MB');
    expect(fileSize(-1)).toBe('');
  });
});
