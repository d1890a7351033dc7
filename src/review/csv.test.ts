import { describe, expect, it } from 'vitest';
import { csvCell, round, toCsv } from './csv';

describe('csv', () => {
  it('quotes only what needs quoting', () => {
    expect(csvCell('hips-back')).toBe('hips-back');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
  it('leaves missing and non-finite numbers empty', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(NaN)).toBe('');
    expect(csvCell(Infinity)).toBe('');
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(true)).toBe('1');
  });
  it('defuses spreadsheet formulas in text', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@cmd')).toBe("'@cmd");
  });
  it('writes a header and CRLF rows', () => {
    expect(toCsv(['t_ms', 'knee_deg'], [[0, 170.5], [16.7, null]])).toBe('t_ms,knee_deg\r\n0,170.5\r\n16.7,\r\n');
  });
  it('rounds', () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(NaN, 2)).toBeNull();
  });
});
