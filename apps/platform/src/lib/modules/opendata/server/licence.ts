/**
 * Licence of the participation content published as open data: the Datenlizenz Deutschland that municipalities use
 * for their open data, naming the town and its process as the source.
 */
export const OPEN_DATA_LICENCE = { id: 'dl-de/by-2-0', name: 'Datenlizenz Deutschland – Namensnennung – Version 2.0', url: 'https://www.govdata.de/dl-de/by-2-0' } as const;

