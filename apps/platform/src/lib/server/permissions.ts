import type { TownRole } from '../modules/towns/server/schema.ts';
import type { PlatformRole } from '../modules/accounts/server/schema.ts';

/**
 * The one permission check of the platform: role × action × the resource's town. Every route, form action, API
 * endpoint and CLI command asks `can` (or `authorize` in routes); nothing checks roles on its own.
 *
 * Platform admins may take every action. Town roles only count in their own town: a town admin of town A has no
 * more rights in town B than a visitor.
 */
export type Action =
  | 'platform.administer'
  | 'platform.viewOutbox'
  | 'atlas.view'
  | 'town.create'
  | 'town.view'
  | 'town.viewPrivate'
  | 'town.edit'
  | 'town.viewMembers'
  | 'town.inviteTownAdmin'
  | 'town.inviteModerator'
  | 'town.inviteMember'
  | 'town.removeMember'
  | 'academy.view'
  | 'academy.contribute'
  | 'academy.review'
  | 'academy.grantEditor'
  | 'academy.shareFromTown'
  | 'academy.viewTownDrafts'
  | 'academy.check'
  | 'academy.viewCheck'
  | 'academy.manageEvents'
  | 'academy.registerEvent'
  | 'academy.requestVisit'
  | 'academy.viewVisitRequests'
  | 'academy.ask'
  | 'academy.answer'
  | 'academy.contactPeer'
  | 'academy.applyNetwork'
  | 'academy.manageNetwork'
  | 'academy.researchProfile'
  | 'academy.manageResearch'
  | 'academy.editResearcher'
  | 'academy.researchAsTown'
  | 'academy.answerResearch'
  | 'academy.manageSeismograph'
  | 'academy.answerSeismograph'
  | 'academy.manageStories'
  | 'process.create'
  | 'process.edit'
  | 'process.viewUnpublished'
  | 'process.editPermissions'
  | 'process.viewAudit'
  | 'town.moderate'
  | 'project.viewDrafts'
  | 'project.edit'
  | 'project.postUpdate'
  | 'project.follow'
  | 'workingGroup.manage'
  | 'workingGroup.viewInternal'
  | 'vision.viewDraft'
  | 'vision.edit'
  | 'vision.comment';

/**
 * An action offered by a component of a process, written `<component type>:<action>` (e.g. `ideas:support`). Who may
 * take it is not in the static matrix below but in the process's own matrix (phase × action × who), stored as data
 * and editable by town admins; the service loads the rule of the current phase and passes it to `can`.
 */
export type ComponentAction = `${string}:${string}`;

/** A row of a process's permission matrix, as `can` needs it. */
export interface ComponentRule {
  grants: readonly string[];
}

/** What `can` needs to decide a component action: the rule for the current phase, and how the visitor came in. */
export interface ComponentScope {
  /** The matrix row for (component, current phase, action); undefined = no row = nobody. */
  rule: ComponentRule | undefined;
  /** The visitor holds a valid anonymous access link for this process. */
  viaLink?: boolean;
  /** The actor submitted the one contribution the action is about (e.g. the idea to edit), as loaded by the service. */
  owner?: boolean;
}

/** Who is asking: nobody (visitor), or a user with a platform flag and roles per town. */
export interface Actor {
  userId: string;
  isPlatformAdmin: boolean;
  /** Role per town id. */
  townRoles: ReadonlyMap<string, TownRole>;
  /** Platform-wide roles besides the admin flag (e.g. academy editors). */
  platformRoles?: ReadonlySet<PlatformRole>;
}

/**
 * Who an action is granted to: everyone, any logged-in user, anonymous participants with an access link (component
 * actions only), `owner`, the person who submitted the contribution the action is about (only for actions whose
 * manifest lists it in `grants`, e.g. editing one's own idea), or a town role.
 */
export type Grant = 'anyone' | 'user' | 'link' | 'owner' | TownRole;
export const grantKinds = ['anyone', 'link', 'user', 'owner', 'member', 'moderator', 'town_admin'] as const satisfies readonly Grant[];
/**
 * Grants of the static matrix: besides the above, platform-wide roles (e.g. academy editors), `group_member`, a
 * member of the resource's working group; `owner` is the person the resource belongs to (e.g. a researcher's own
 * profile). The service says so through `Relation`.
 */
type MatrixGrant = Grant | PlatformRole | 'group_member';

/** How the actor relates to the resource beyond town roles, as loaded by the service (e.g. working group member). */
export interface Relation {
  groupMember?: boolean;
  /** The resource belongs to the actor (e.g. the researcher profile linked to the actor's account). */
  owner?: boolean;
}

/** The permission matrix as data: which town roles (or everyone) may take an action. */
export const permissionMatrix: Record<Action, { scope: 'platform' | 'town'; grants: readonly MatrixGrant[] }> = {
  'platform.administer': { scope: 'platform', grants: [] },
  'platform.viewOutbox': { scope: 'platform', grants: [] },
  'atlas.view': { scope: 'platform', grants: ['anyone'] },
  'town.create': { scope: 'platform', grants: [] },
  'town.view': { scope: 'town', grants: ['anyone'] },
  'town.viewPrivate': { scope: 'town', grants: ['town_admin', 'moderator', 'member'] },
  'town.edit': { scope: 'town', grants: ['town_admin'] },
  'town.viewMembers': { scope: 'town', grants: ['town_admin', 'moderator'] },
  'town.inviteTownAdmin': { scope: 'town', grants: ['town_admin'] },
  'town.inviteModerator': { scope: 'town', grants: ['town_admin'] },
  'town.inviteMember': { scope: 'town', grants: ['town_admin'] },
  'town.removeMember': { scope: 'town', grants: ['town_admin'] },
  // Academy: everything published is public; any user may write a draft; editors review and publish; a town admin
  // consents to sharing the town's own work; the Kleinstadt-Check belongs to the town team.
  'academy.view': { scope: 'platform', grants: ['anyone'] },
  'academy.contribute': { scope: 'platform', grants: ['user'] },
  'academy.review': { scope: 'platform', grants: ['academy_editor'] },
  'academy.grantEditor': { scope: 'platform', grants: [] },
  'academy.shareFromTown': { scope: 'town', grants: ['town_admin'] },
  'academy.viewTownDrafts': { scope: 'town', grants: ['town_admin', 'moderator'] },
  'academy.check': { scope: 'town', grants: ['town_admin', 'moderator'] },
  'academy.viewCheck': { scope: 'town', grants: ['town_admin', 'moderator', 'member'] },
  // Events are managed by editors; anyone with an account registers; a town admin requests the mobile academy;
  // members ask and answer in the name of their town.
  'academy.manageEvents': { scope: 'platform', grants: ['academy_editor'] },
  'academy.registerEvent': { scope: 'platform', grants: ['user'] },
  'academy.requestVisit': { scope: 'town', grants: ['town_admin'] },
  'academy.viewVisitRequests': { scope: 'town', grants: ['town_admin', 'moderator'] },
  'academy.ask': { scope: 'town', grants: ['town_admin', 'moderator', 'member'] },
  'academy.answer': { scope: 'town', grants: ['town_admin', 'moderator', 'member'] },
  'academy.contactPeer': { scope: 'town', grants: ['town_admin', 'moderator'] },
  // Network directory: anyone with an account applies for an organisation; editors approve and keep the directory.
  'academy.applyNetwork': { scope: 'platform', grants: ['user'] },
  'academy.manageNetwork': { scope: 'platform', grants: ['academy_editor'] },
  // Kleinstadtforschung: users keep their own researcher profile; editors keep standalone profiles and every
  // question; members post research questions in their town's name; anyone with an account contributes answers.
  'academy.researchProfile': { scope: 'platform', grants: ['user'] },
  'academy.manageResearch': { scope: 'platform', grants: ['academy_editor'] },
  // A researcher profile is changed by the researcher it is linked to, or by editors (standalone profiles have no
  // account, so only editors).
  'academy.editResearcher': { scope: 'platform', grants: ['academy_editor', 'owner'] },
  'academy.researchAsTown': { scope: 'town', grants: ['town_admin', 'moderator', 'member'] },
  'academy.answerResearch': { scope: 'platform', grants: ['user'] },
  // Seismograph: editors run the survey rounds; the town administration (town admins) answers for its town.
  'academy.manageSeismograph': { scope: 'platform', grants: ['academy_editor'] },
  'academy.answerSeismograph': { scope: 'town', grants: ['town_admin'] },
  // Showcase stories are written and published by editors.
  'academy.manageStories': { scope: 'platform', grants: ['academy_editor'] },
  'process.create': { scope: 'town', grants: ['town_admin'] },
  'process.edit': { scope: 'town', grants: ['town_admin', 'moderator'] },
  'process.viewUnpublished': { scope: 'town', grants: ['town_admin', 'moderator'] },
  'process.editPermissions': { scope: 'town', grants: ['town_admin'] },
  'process.viewAudit': { scope: 'town', grants: ['town_admin'] },
  // The town's moderation queue: reported contributions of all its processes.
  'town.moderate': { scope: 'town', grants: ['town_admin', 'moderator'] },
  // Projects: published ones are public; drafts belong to the town's team; admins and moderators edit and post
  // progress updates; anyone with an account may follow a project.
  'project.viewDrafts': { scope: 'town', grants: ['town_admin', 'moderator', 'member'] },
  'project.edit': { scope: 'town', grants: ['town_admin', 'moderator'] },
  // Progress: updates and milestones, also by the project's Kümmerer (`owner`: the account named responsible).
  'project.postUpdate': { scope: 'town', grants: ['town_admin', 'moderator', 'owner'] },
  'project.follow': { scope: 'platform', grants: ['user'] },
  // Working groups: the team manages them; their members-only area is for members and the team.
  'workingGroup.manage': { scope: 'town', grants: ['town_admin', 'moderator'] },
  'workingGroup.viewInternal': { scope: 'town', grants: ['town_admin', 'moderator', 'group_member'] },
  // Zukunftsbild and Zukunftsgeschichte: the process team writes and publishes; the town's members read drafts and
  // comment on passages; what is published is public (no action needed).
  'vision.viewDraft': { scope: 'town', grants: ['town_admin', 'moderator', 'member'] },
  'vision.edit': { scope: 'town', grants: ['town_admin', 'moderator'] },
  'vision.comment': { scope: 'town', grants: ['town_admin', 'moderator', 'member'] },
};

/** Which invite action a role needs. */
export const inviteActionFor: Record<TownRole, Action> = {
  town_admin: 'town.inviteTownAdmin',
  moderator: 'town.inviteModerator',
  member: 'town.inviteMember',
};

/**
 * May `actor` take `action` on a resource of `townId`? Town-scoped actions need the town id of the resource
 * (never a town id from the request), so a role in one town never leaks into another.
 *
 * Component actions (`ideas:support`) are decided by the process's matrix row for the current phase, given as
 * `scope`: the same rules apply (platform admins always; town roles only in their own town), plus `link` for
 * anonymous participants who came with a valid access link and `owner` for the person who submitted the contribution
 * (the service loads it and says so in `scope.owner`; it counts only for a logged-in actor).
 */
export function can(actor: Actor | null, action: Action, townId?: string, relation?: Relation): boolean;
export function can(actor: Actor | null, action: ComponentAction, townId: string, scope: ComponentScope): boolean;
export function can(actor: Actor | null, action: Action | ComponentAction, townId?: string, scopeOrRelation?: ComponentScope | Relation): boolean {
  if (isComponentAction(action)) {
    const scope = scopeOrRelation as ComponentScope | undefined;
    const grants = scope?.rule?.grants ?? [];
    if (grants.includes('anyone')) return true;
    if (scope?.viaLink && grants.includes('link')) return true;
    if (!actor) return false;
    if (actor.isPlatformAdmin) return true;
    if (grants.includes('user')) return true;
    if (scope?.owner && grants.includes('owner')) return true;
    if (!townId) return false;
    const role = actor.townRoles.get(townId);
    return role !== undefined && grants.includes(role);
  }
  const rule = permissionMatrix[action];
  if (rule.grants.includes('anyone')) return true;
  if (!actor) return false;
  if (actor.isPlatformAdmin) return true;
  if (rule.grants.includes('user')) return true;
  if (actor.platformRoles && rule.grants.some((g) => actor.platformRoles!.has(g as PlatformRole))) return true;
  if ((scopeOrRelation as Relation | undefined)?.owner && rule.grants.includes('owner')) return true;
  if (rule.scope === 'platform') return false;
  if (!townId) return false;
  if ((scopeOrRelation as Relation | undefined)?.groupMember && rule.grants.includes('group_member')) return true;
  const role = actor.townRoles.get(townId);
  return role !== undefined && rule.grants.includes(role);
}

export function isComponentAction(action: string): action is ComponentAction {
  return action.includes(':');
}

/** Thrown by services when the actor may not take the action; routes turn it into HTTP 403. */
export class ForbiddenError extends Error {
  constructor(action: Action | ComponentAction) {
    super(`Not allowed: ${action}`);
    this.name = 'ForbiddenError';
  }
}

/** Throws ForbiddenError unless `can` allows the action. */
export function authorize(actor: Actor | null, action: Action, townId?: string, relation?: Relation): void;
export function authorize(actor: Actor | null, action: ComponentAction, townId: string, scope: ComponentScope): void;
export function authorize(actor: Actor | null, action: Action | ComponentAction, townId?: string, scope?: ComponentScope | Relation): void {
  const allowed = isComponentAction(action) ? can(actor, action, townId!, (scope as ComponentScope | undefined) ?? { rule: undefined }) : can(actor, action, townId, scope as Relation | undefined);
  if (!allowed) throw new ForbiddenError(action);
}
