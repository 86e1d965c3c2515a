import { fieldsOfAction } from '../../../domain/fields-of-action.ts';
import { ideaStatuses } from '../../processes/server/schema.ts';
import type { ParameterName } from './query.ts';

/** The participation API's part of the OpenAPI document (merged with the atlas's at /api/v1/openapi.json). */
export function participationPaths() {
  const parameter: Record<ParameterName, Record<string, unknown>> = {
    town: { name: 'town', in: 'query', description: 'Town space (slug, e.g. `kastellaun`)', schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,79}$' } },
    process: { name: 'process', in: 'query', description: 'Process (slug) within the town', schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,79}$' } },
    field: { name: 'field', in: 'query', description: 'Field of action (Handlungsfeld)', schema: { type: 'string', enum: [...fieldsOfAction] } },
    status: { name: 'status', in: 'query', description: 'Status of an idea', schema: { type: 'string', enum: [...ideaStatuses] } },
    since: { name: 'since', in: 'query', description: 'From this day (UTC, inclusive)', schema: { type: 'string', format: 'date' } },
    until: { name: 'until', in: 'query', description: 'Up to this day (UTC, inclusive)', schema: { type: 'string', format: 'date' } },
    page: { name: 'page', in: 'query', description: 'Page (from 1)', schema: { type: 'integer', minimum: 1, maximum: 100000, default: 1 } },
    pageSize: { name: 'pageSize', in: 'query', description: 'Items per page', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
  };
  const licence = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' }, attribution: { type: 'string' } }, required: ['id', 'name', 'url', 'attribution'] };
  const error = { type: 'object', properties: { error: { type: 'string', enum: ['invalid_parameter', 'unknown_parameter'] }, parameter: { type: 'string' }, message: { type: 'string' } }, required: ['error', 'parameter', 'message'] };
  const str = { type: 'string' };
  const nullableStr = { type: ['string', 'null'] };
  /** Where a contribution is: its id, town, process, component and public address, and its title. */
  const inProcess = { id: str, town: str, process: str, component: str, url: str, title: str };
  const endpoint = (summary: string, operationId: string, params: ParameterName[], item: Record<string, unknown>) => ({
    get: {
      summary,
      operationId,
      description: 'Read-only and public: exactly what a visitor without an account may see (published processes, components visible to anyone in their current phase, no hidden contributions, no names of people).',
      parameters: [...params, 'page', 'pageSize'].map((p) => parameter[p as ParameterName]),
      responses: {
        '200': {
          description: 'One page',
          content: { 'application/json': { schema: { type: 'object', properties: { total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' }, items: { type: 'array', items: { type: 'object', properties: item } }, licence, generatedAt: { type: 'string', format: 'date-time' } }, required: ['total', 'page', 'pageSize', 'items', 'licence', 'generatedAt'] } } },
        },
        '400': { description: 'A query parameter is invalid or unknown (named in `parameter`)', content: { 'application/json': { schema: error } } },
      },
    },
  });
  return {
    '/api/v1/towns': endpoint('Town spaces', 'listTowns', ['town'], { slug: str, name: str, ags: nullableStr, land: nullableStr, url: str }),
    '/api/v1/processes': endpoint('Published processes with phases, components and their open-data files', 'listProcesses', ['town', 'process'], {
      town: str,
      slug: str,
      title: str,
      summary: str,
      url: str,
      currentPhase: nullableStr,
      phases: { type: 'array', items: { type: 'object', properties: { name: str, description: str, startsOn: nullableStr, endsOn: nullableStr, current: { type: 'boolean' } } } },
      components: { type: 'array', items: { type: 'object', properties: { id: str, type: str, title: str, url: str, openData: { type: 'array', items: { type: 'object', properties: { format: { type: 'string', enum: ['csv', 'json', 'ical'] }, url: str } } } } } },
    }),
    '/api/v1/ideas': endpoint('Public ideas with status and support counts (newest first)', 'listIdeas', ['town', 'process', 'field', 'status', 'since', 'until'], {
      ...inProcess,
      text: str,
      field: { type: 'string', enum: [...fieldsOfAction] },
      status: { type: 'string', enum: [...ideaStatuses] },
      statusReason: str,
      supportCount: { type: ['integer', 'null'], description: 'null where the current phase hides support counts' },
      comments: { type: 'integer' },
      place: str,
      latitude: { type: ['number', 'null'] },
      longitude: { type: ['number', 'null'] },
      createdAt: { type: 'string', format: 'date-time' },
    }),
    '/api/v1/meetings': endpoint('Public meetings and workshops (by start)', 'listMeetings', ['town', 'process', 'since', 'until'], {
      ...inProcess,
      startsAt: { type: 'string', format: 'date-time' },
      endsAt: { type: 'string', format: 'date-time' },
      place: str,
      address: str,
      onlineUrl: nullableStr,
      capacity: { type: ['integer', 'null'] },
      registered: { type: 'integer' },
    }),
    '/api/v1/projects': endpoint('Published projects with milestones', 'listProjects', ['town', 'field'], {
      town: str,
      slug: str,
      url: str,
      title: str,
      summary: str,
      type: str,
      status: str,
      fields: { type: 'array', items: str },
      startsOn: nullableStr,
      endsOn: nullableStr,
      updatedAt: { type: 'string', format: 'date-time' },
      milestones: { type: 'array', items: { type: 'object', properties: { title: str, dueOn: nullableStr, done: { type: 'boolean' } } } },
    }),
    '/api/v1/visions': endpoint('Published Zukunftsbilder and the opening of published Zukunftsgeschichten', 'listVisions', ['town', 'process'], {
      town: str,
      process: str,
      processTitle: str,
      url: str,
      vision: { type: ['object', 'null'] },
      storyOpening: nullableStr,
    }),
  };
}
