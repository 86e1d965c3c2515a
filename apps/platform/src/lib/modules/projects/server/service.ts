import type { Db } from '../../../server/db/client.ts';
import type { TownMapService } from '../../atlas/server/town-map.ts';
import type { TownDirectory } from '../../towns/server/service.ts';
import type { NotificationService } from '../../notifications/server/service.ts';
import { createProjectAccess } from './access.ts';
import { createFollowerService } from './followers.ts';
import { createProjectGoalService } from './goals.ts';
import { createProjectIdeaService } from './ideas.ts';
import { createMilestoneService } from './milestones.ts';
import { createProjectCoreService } from './projects.ts';
import { createUpdateService } from './updates.ts';

/**
 * The projects service the app wires as `app.projects`: one object whose methods come from one file per concern,
 * all sharing the same town and project lookups (`access.ts`). Working groups are their own service
 * (`working-groups.ts`, `app.workingGroups`).
 */
export function createProjectService(deps: { db: Db; notifications: NotificationService; townMaps: TownMapService; towns: TownDirectory; origin: string }) {
  const parts = { ...deps, access: createProjectAccess(deps.db, deps.towns) };
  return {
    ...createProjectCoreService(parts), // list, get, formOptions, create, edit, map, forTownPage
    ...createProjectIdeaService(parts), // ideaForAdoption, linkIdea, unlinkIdea, linkableIdeas, outcomes
    ...createMilestoneService(parts), // addMilestone, changeMilestone
    ...createUpdateService(parts), // postUpdate, removeUpdate, photo
    ...createFollowerService(parts), // follow, describeUnfollow, unfollowByToken
    ...createProjectGoalService(parts), // projectsForGoals, goalCoverage
  };
}

export type ProjectService = ReturnType<typeof createProjectService>;
