/** What the map colours by (shared by server and pages). */
export const MAP_MODES = ['typ', 'lage', 'entwicklung'] as const;
export type MapMode = (typeof MAP_MODES)[number];

/** Colour classes per mode: key (message suffix) and fill colour (colour-blind-safe palettes). */
export const MAP_CLASSES: Record<MapMode, { key: string; color: string }[]> = {
  typ: [
    { key: 'type_10', color: '#3b0f70' },
    { key: 'type_20', color: '#8c2981' },
    { key: 'type_30', color: '#de4968' },
    { key: 'type_40', color: '#fe9f6d' },
    { key: 'type_50', color: '#fcf5c4' },
  ],
  lage: [
    { key: 'lage_sehr_zentral', color: '#08519c' },
    { key: 'lage_zentral', color: '#6baed6' },
    { key: 'lage_peripher', color: '#fdae6b' },
    { key: 'lage_sehr_peripher', color: '#d94801' },
  ],
  entwicklung: [
    { key: 'change_lt_-10', color: '#b2182b' },
    { key: 'change_-10_-3', color: '#ef8a62' },
    { key: 'change_-3_3', color: '#f7f7f7' },
    { key: 'change_3_10', color: '#67a9cf' },
    { key: 'change_gt_10', color: '#2166ac' },
  ],
};
export const MAP_NO_DATA = '#9e9e9e';
