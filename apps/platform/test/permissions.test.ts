import { describe, expect, it } from 'vitest';
import { can, permissionMatrix, type Action, type Actor } from '../src/lib/server/permissions.ts';

const A = 'town-a';
const B = 'town-b';
const actor = (role?: 'town_admin' | 'moderator' | 'member', platform = false): Actor => ({
  userId: 'u',
  isPlatformAdmin: platform,
  townRoles: new Map(role ? [[A, role]] : []),
});

describe('the permission matrix', () => {
  it('grants town roles only in their own town', () => {
    for (const action of Object.keys(permissionMatrix) as Action[]) {
      // Actions open to everyone or to every logged-in user are not about town roles.
      if (permissionMatrix[action].grants.includes('anyone') || permissionMatrix[action].grants.includes('user')) continue;
      for (const role of ['town_admin', 'moderator', 'member'] as const) {
        expect(can(actor(role), action, B), `${role} ${action} in another town`).toBe(false);
      }
    }
  });

  it('matches the documented table', () => {
    const table: [Action, boolean, boolean, boolean, boolean][] = [
      // action, visitor, member, moderator, town admin (all in town A)
      ['town.view', true, true, true, true],
      ['town.viewPrivate', false, true, true, true],
      ['town.viewMembers', false, false, true, true],
      ['town.edit', false, false, false, true],
      ['town.inviteTownAdmin', false, false, false, true],
      ['town.inviteModerator', false, false, false, true],
      ['town.inviteMember', false, false, false, true],
      ['town.removeMember', false, false, false, true],
      ['town.create', false, false, false, false],
      ['platform.administer', false, false, false, false],
      ['platform.viewOutbox', false, false, false, false],
      ['academy.view', true, true, true, true],
      ['academy.contribute', false, true, true, true],
      ['academy.review', false, false, false, false],
      ['academy.grantEditor', false, false, false, false],
      ['academy.shareFromTown', false, false, false, true],
      ['academy.viewTownDrafts', false, false, true, true],
      ['academy.check', false, false, true, true],
      ['academy.viewCheck', false, true, true, true],
      ['academy.manageEvents', false, false, false, false],
      ['academy.registerEvent', false, true, true, true],
      ['academy.requestVisit', false, false, false, true],
      ['academy.viewVisitRequests', false, false, true, true],
      ['academy.ask', false, true, true, true],
      ['academy.answer', false, true, true, true],
      ['academy.contactPeer', false, false, true, true],
      ['academy.applyNetwork', false, true, true, true],
      ['academy.manageNetwork', false, false, false, false],
      ['academy.researchProfile', false, true, true, true],
      ['academy.manageResearch', false, false, false, false],
      ['academy.editResearcher', false, false, false, false],
      ['academy.researchAsTown', false, true, true, true],
      ['academy.answerResearch', false, true, true, true],
      ['academy.manageSeismograph', false, false, false, false],
      ['academy.answerSeismograph', false, false, false, true],
      ['academy.manageStories', false, false, false, false],
    ];
    for (const [action, visitor, member, moderator, admin] of table) {
      expect([can(null, action, A), can(actor('member'), action, A), can(actor('moderator'), action, A), can(actor('town_admin'), action, A)], action).toEqual([visitor, member, moderator, admin]);
      expect(can(actor(undefined, true), action, B), `platform admin ${action}`).toBe(true);
    }
  });

  it('refuses town-scoped actions without the resource town', () => {
    expect(can(actor('town_admin'), 'town.edit')).toBe(false);
  });
});

describe('ownership', () => {
  it('lets the owner of a researcher profile edit it, and nobody else without the editor role', () => {
    const user = actor('town_admin');
    expect(can(user, 'academy.editResearcher', undefined, { owner: true })).toBe(true);
    expect(can(user, 'academy.editResearcher', undefined, { owner: false })).toBe(false);
    expect(can(null, 'academy.editResearcher', undefined, { owner: true })).toBe(false);
    // Ownership grants only where the matrix says `owner`.
    expect(can(user, 'academy.manageResearch', undefined, { owner: true })).toBe(false);
    const editor: Actor = { userId: 'e', isPlatformAdmin: false, townRoles: new Map(), platformRoles: new Set(['academy_editor']) };
    expect(can(editor, 'academy.editResearcher', undefined, { owner: false })).toBe(true);
  });
});

describe('platform roles', () => {
  it('lets academy editors review, and nothing else', () => {
    const editor: Actor = { userId: 'e', isPlatformAdmin: false, townRoles: new Map(), platformRoles: new Set(['academy_editor']) };
    expect(can(editor, 'academy.review')).toBe(true);
    expect(can(editor, 'academy.manageEvents')).toBe(true);
    for (const action of ['academy.manageNetwork', 'academy.manageResearch', 'academy.manageSeismograph', 'academy.manageStories'] as const) expect(can(editor, action), action).toBe(true);
    expect(can(editor, 'academy.answerSeismograph', A)).toBe(false);
    expect(can(editor, 'academy.grantEditor')).toBe(false);
    expect(can(editor, 'platform.administer')).toBe(false);
    expect(can(editor, 'academy.shareFromTown', A)).toBe(false);
    expect(can(editor, 'town.edit', A)).toBe(false);
  });
});
