import { describe, expect, it } from 'vitest';
import type { ConcernData } from '../../bindings';
import { emptyConcern } from '../guided.svelte';
import { cprConfirmed, cprSignature } from './cprConfirm';

function withNote(note: string, unit = ''): ConcernData {
  return { ...emptyConcern(), note, recorder_unit: unit };
}

describe('cprSignature', () => {
  const confirmed = cprSignature(withNote('Født 010203-1234, går i 5. klasse'), ['note']);

  it('keeps the confirmation while only words change', () => {
    const more = withNote('Født 010203-1234, går i 5. klasse og virker bange');
    expect(cprConfirmed(more, ['note'], confirmed)).toBe(true);
  });

  it('asks again when a number changes or is added', () => {
    expect(cprConfirmed(withNote('Født 010203-1235, går i 5. klasse'), ['note'], confirmed)).toBe(false);
    expect(cprConfirmed(withNote('Født 010203-1234, går i 5. klasse, 311299-4321'), ['note'], confirmed)).toBe(false);
  });

  it('asks again when another field looks like it holds a CPR number', () => {
    const both = withNote('Født 010203-1234, går i 5. klasse', '0102031234');
    expect(cprConfirmed(both, ['note', 'recorder_unit'], confirmed)).toBe(false);
  });

  it('does not depend on the order the fields are named in', () => {
    const data = withNote('010203-1234', 'x 0102031234');
    expect(cprSignature(data, ['note', 'recorder_unit'])).toBe(cprSignature(data, ['recorder_unit', 'note']));
  });

  it('needs no confirmation when no field is named, and none without an answer', () => {
    expect(cprConfirmed(withNote('010203-1234'), [], null)).toBe(true);
    expect(cprConfirmed(withNote('010203-1234'), ['note'], null)).toBe(false);
  });
});
