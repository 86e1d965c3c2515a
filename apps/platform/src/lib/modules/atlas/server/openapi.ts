/** The OpenAPI 3.1 document of the public JSON API (served at /api/v1/openapi.json). */
export function openApiDocument(origin: string) {
  const filter = (name: string, description: string, schema: Record<string, unknown>, explode = false) => ({ name, in: 'query', required: false, description, schema, ...(explode ? { style: 'form', explode: true } : {}) });
  const error = { type: 'object', properties: { error: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' } }, required: ['error', 'message'] };
  const credit = { type: 'object', properties: { credit: { type: 'string' }, licence: { type: 'string' }, stand: { type: 'string' }, source_file: { type: 'string' } } };
  const item = {
    type: 'object',
    properties: {
      ags: { type: 'string', pattern: '^\\d{8}$', description: 'Amtlicher Gemeindeschlüssel' },
      name: { type: 'string' },
      slug: { type: 'string' },
      land_code: { type: 'string' },
      land: { type: 'string' },
      kreis: { type: 'string' },
      gemeindeverband: { type: 'string' },
      type_code: { type: 'integer', enum: [10, 20, 30, 40, 50], description: 'BBSR Stadt- und Gemeindetyp for today’s territory (rule by the largest member municipality, 2015 upgrades kept)' },
      type: { type: 'string' },
      lage: { type: ['string', 'null'], enum: ['sehr_zentral', 'zentral', 'peripher', 'sehr_peripher', null] },
      lage_source: { type: ['string', 'null'], enum: ['bbsr', 'plz4', null], description: 'plz4 = approximation from the RKI/GISD PLZ4 table' },
      population: { type: ['integer', 'null'] },
      area_km2: { type: ['number', 'null'] },
      change_percent: { type: ['number', 'null'], description: 'Population change since `since` (comparable territory only)' },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kleinstadtakademie – Kleinstadt-Atlas API',
      version: '1.0.0',
      description:
        'Official data on every German municipality. Sources: © Statistisches Bundesamt (Destatis), GV-ISys; Laufende Raumbeobachtung des BBSR; licence dl-de/by-2-0. Every response carries its credit lines.',
      license: { name: 'EUPL-1.2 (software); data: dl-de/by-2-0', url: 'https://www.govdata.de/dl-de/by-2-0' },
    },
    servers: [{ url: origin }],
    paths: {
      '/api/v1/municipalities': {
        get: {
          summary: 'List municipalities (filtered, sorted, paginated)',
          operationId: 'listMunicipalities',
          parameters: [
            filter('q', 'Name (umlauts and case ignored) or 8-digit AGS', { type: 'string', maxLength: 100 }),
            filter('type', 'Type codes (repeatable or comma-separated)', { type: 'array', items: { type: 'integer', enum: [10, 20, 30, 40, 50] } }, true),
            filter('kleinstadt', '1: only Kleinstädte (types 30 and 40)', { type: 'string', enum: ['1', '0'] }),
            filter('lage', 'Lage (repeatable)', { type: 'array', items: { type: 'string', enum: ['sehr_zentral', 'zentral', 'peripher', 'sehr_peripher'] } }, true),
            filter('land', 'Land code (2 digits)', { type: 'string', pattern: '^\\d{2}$' }),
            filter('kreis', 'Kreis code (5 digits)', { type: 'string', pattern: '^\\d{5}$' }),
            filter('popMin', 'Minimum population', { type: 'integer', minimum: 0 }),
            filter('popMax', 'Maximum population', { type: 'integer', minimum: 0 }),
            filter('since', 'Base year of the population change', { type: 'string', enum: ['1990', '2002', '2013'], default: '2002' }),
            filter('changeMin', 'Minimum change in per cent', { type: 'number' }),
            filter('changeMax', 'Maximum change in per cent', { type: 'number' }),
            filter('sort', 'Sort column', { type: 'string', enum: ['name', 'population', 'change', 'area', 'ags'], default: 'name' }),
            filter('dir', 'Sort direction', { type: 'string', enum: ['asc', 'desc'], default: 'asc' }),
            filter('page', 'Page (from 1)', { type: 'integer', minimum: 1, default: 1 }),
            filter('pageSize', 'Rows per page', { type: 'integer', minimum: 1, maximum: 500, default: 50 }),
          ],
          responses: {
            '200': {
              description: 'One page of municipalities',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { total: { type: 'integer' }, page: { type: 'integer' }, page_size: { type: 'integer' }, change_since: { type: 'integer' }, items: { type: 'array', items: item }, credits: { type: 'array', items: credit } },
                    required: ['total', 'page', 'page_size', 'items', 'credits'],
                  },
                },
              },
            },
            '400': { description: 'A query parameter is invalid (named in `field`)', content: { 'application/json': { schema: error } } },
          },
        },
      },
      '/api/v1/municipalities/{ags}': {
        get: {
          summary: 'One municipality: key figures, type, Lage, population series since 1990, peer medians',
          operationId: 'getMunicipality',
          parameters: [{ name: 'ags', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{8}$' } }],
          responses: {
            '200': { description: 'The municipality', content: { 'application/json': { schema: { type: 'object', properties: { ags: { type: 'string' }, name: { type: 'string' }, population: { type: ['integer', 'null'] }, population_series: { type: 'array', items: { type: 'object' } }, employees_place_of_work: { type: ['object', 'null'], description: 'Sozialversicherungspflichtig Beschäftigte am Arbeitsort (30.6.2020, 30.6.2021; BBSR Umsteigeschlüssel), per 1,000 inhabitants and the median of the same type and Lage' }, credits: { type: 'array', items: credit } } } } } },
            '400': { description: 'ags is not 8 digits', content: { 'application/json': { schema: error } } },
            '404': { description: 'No such municipality', content: { 'application/json': { schema: error } } },
          },
        },
      },
    },
  };
}
