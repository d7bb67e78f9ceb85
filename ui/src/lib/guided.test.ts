import { describe, expect, it } from 'vitest';
import { guidanceInput, householdUnknown, stepsFor } from './guided.svelte';

describe('stepsFor', () => {
  it('asks about children in the household only when the concern is about an adult', () => {
    expect(stepsFor('voksen')).toEqual(['target', 'household', 'role', 'signs', 'acute', 'result']);
    expect(stepsFor('barn_ung')).toEqual(['target', 'role', 'signs', 'acute', 'result']);
    expect(stepsFor(null)).toEqual(['target', 'role', 'signs', 'acute', 'result']);
  });
});

describe('guidanceInput', () => {
  const adult = { target: 'voksen', household: 'ja', role: 'jobkonsulent_sagsbehandler', acute: false } as const;

  it('sends children in the household for an adult when the answer is yes', () => {
    expect(guidanceInput(adult, ['a'])).toEqual({
      target_group: 'voksen',
      role: 'jobkonsulent_sagsbehandler',
      signs: ['a'],
      acute_danger: false,
      children_in_household: true,
    });
  });

  it('sends no children for "nej" and for "ved ikke"', () => {
    expect(guidanceInput({ ...adult, household: 'nej' }, [])?.children_in_household).toBe(false);
    expect(guidanceInput({ ...adult, household: 'ved_ikke' }, [])?.children_in_household).toBe(false);
  });

  it('ignores an adult household answer left over when the concern is about a child', () => {
    const child = { ...adult, target: 'barn_ung', role: 'laerer_paedagog', acute: true } as const;
    expect(guidanceInput(child, [])).toEqual({
      target_group: 'barn_ung',
      role: 'laerer_paedagog',
      signs: [],
      acute_danger: true,
      children_in_household: false,
    });
    expect(guidanceInput({ ...child, household: null }, [])?.target_group).toBe('barn_ung');
  });

  it('asks nothing while an answer is missing', () => {
    expect(guidanceInput({ ...adult, household: null }, [])).toBeNull();
    expect(guidanceInput({ ...adult, target: null }, [])).toBeNull();
    expect(guidanceInput({ ...adult, role: null }, [])).toBeNull();
    expect(guidanceInput({ ...adult, acute: null }, [])).toBeNull();
  });
});

describe('householdUnknown', () => {
  it('is true only for an adult whose household the caseworker does not know', () => {
    expect(householdUnknown({ target: 'voksen', household: 'ved_ikke' })).toBe(true);
    expect(householdUnknown({ target: 'voksen', household: 'ja' })).toBe(false);
    expect(householdUnknown({ target: 'voksen', household: null })).toBe(false);
    expect(householdUnknown({ target: 'barn_ung', household: 'ved_ikke' })).toBe(false);
  });
});
