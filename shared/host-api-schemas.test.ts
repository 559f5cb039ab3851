import { SAVE_FILE_MAX_BYTES, saveFileOptionsSchema } from './host-api-schemas.js';

const fits = (data: string | Uint8Array) =>
  saveFileOptionsSchema.safeParse({ suggestedName: 'list.csv', mimeType: 'text/csv', data }).success;

describe('the save-file payload’s size limit', () => {
  it('counts a string in UTF-8 bytes as the file will hold it, up to exactly 16 MiB', () => {
    expect(SAVE_FILE_MAX_BYTES).toBe(16 * 1024 * 1024);
    const cases: [string, number][] = [
      ['a', 1],
      ['ж', 2],
      ['ә', 2],
      ['€', 3],
      ['😀', 4],
      ['\ud800', 3], // a lone surrogate is written as U+FFFD
    ];
    for (const [unit, bytes] of cases) {
      expect(Buffer.byteLength(unit)).toBe(bytes);
      const atLimit = unit.repeat(Math.floor(SAVE_FILE_MAX_BYTES / bytes));
      expect(fits(atLimit), unit).toBe(true);
      expect(fits(atLimit + unit.repeat(Math.ceil((SAVE_FILE_MAX_BYTES % bytes) / bytes) || 1)), unit).toBe(false);
    }
  });

  it('refuses bytes over 16 MiB and anything that is neither text nor bytes', () => {
    expect(fits(new Uint8Array(SAVE_FILE_MAX_BYTES))).toBe(true);
    expect(fits(new Uint8Array(SAVE_FILE_MAX_BYTES + 1))).toBe(false);
    expect(fits([1, 2, 3] as unknown as Uint8Array)).toBe(false);
  });
});
