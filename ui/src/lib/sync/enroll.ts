// The enrollment form's own checks, before the one-time code is sent anywhere. The service reads
// the code as people type it (spaces, dashes, lower case); this only catches a code that cannot
// be right, so a typo is not met by "the code was not accepted" from the service.

/** Letters and digits of a code: 16 of them, in groups of four as IT operations hands it out. */
export const ENROLL_CODE_LENGTH = 16;

/** The code as the service reads it: letters and digits only, upper case. */
export function normaliseCode(typed: string): string {
  return typed.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

export type EnrollProblems = { address: string[]; code: string[] };

/** Translation keys of what is wrong with the form; both lists empty when it may be sent. */
export function checkEnroll(address: string, code: string): EnrollProblems {
  const letters = normaliseCode(code).length;
  return {
    address: address.trim() === '' ? ['ui.sync.address_missing'] : [],
    code:
      code.trim() === ''
        ? ['ui.sync.code_missing']
        : letters !== ENROLL_CODE_LENGTH
          ? ['ui.sync.code_length']
          : [],
  };
}
