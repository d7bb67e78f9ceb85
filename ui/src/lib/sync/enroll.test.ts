import { describe, expect, it } from 'vitest';
import { checkEnroll, normaliseCode } from './enroll';

describe('normaliseCode', () => {
  it('reads a code as people type it, like the service does', () => {
    expect(normaliseCode(' abcd-efgh 2345-6789 ')).toBe('ABCDEFGH23456789');
    expect(normaliseCode('ABCD EFGH JKLM NPQR')).toBe('ABCDEFGHJKLMNPQR');
  });
});

describe('checkEnroll', () => {
  const address = 'https://beredskab.kommune.dk';

  it('lets a complete form through, with spaces and dashes in the code', () => {
    expect(checkEnroll(address, 'abcd-efgh-2345-6789')).toEqual({ address: [], code: [] });
    expect(checkEnroll(` ${address} `, 'ABCD EFGH 2345 6789')).toEqual({ address: [], code: [] });
  });

  it('asks for what is missing', () => {
    expect(checkEnroll('  ', '')).toEqual({ address: ['ui.sync.address_missing'], code: ['ui.sync.code_missing'] });
  });

  it('catches a code of the wrong length before it is sent', () => {
    expect(checkEnroll(address, 'ABCD-EFGH-2345').code).toEqual(['ui.sync.code_length']);
    expect(checkEnroll(address, 'ABCD-EFGH-2345-6789-X').code).toEqual(['ui.sync.code_length']);
    expect(checkEnroll(address, '----').code).toEqual(['ui.sync.code_length']);
  });
});
