import { describe, expect, it } from 'vitest';
import type { Role } from '../bindings';
import { myRoleChoices, myRoleKey, myRoleOrder, roleKey, roleOrder } from './labels';

const allRoles = Object.keys(roleKey) as Role[];

describe('roles', () => {
  it('offers a person every role but "alle", which is for cards written for everyone', () => {
    expect([...myRoleOrder].sort()).toEqual(allRoles.filter((r) => r !== 'alle').sort());
    expect(myRoleOrder).toContain('anden_medarbejder');
    expect(myRoleOrder).not.toContain('alle');
  });

  it('groups cards under every role, everyone first', () => {
    expect(roleOrder[0]).toBe('alle');
    expect([...roleOrder].sort()).toEqual([...allRoles].sort());
  });

  it('keeps an older record\'s "alle" choosable, and only then', () => {
    expect(myRoleChoices(null)).toEqual(myRoleOrder);
    expect(myRoleChoices('sundhedsperson')).toEqual(myRoleOrder);
    expect(myRoleChoices('alle')).toEqual([...myRoleOrder, 'alle']);
  });

  it('names an older record\'s "alle" apart from the new "anden_medarbejder"', () => {
    expect(myRoleKey.alle).not.toBe(myRoleKey.anden_medarbejder);
  });
});
