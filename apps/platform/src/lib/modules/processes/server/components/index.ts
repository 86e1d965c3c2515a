// Every component type, declared once. A new type: add its manifest file and one import line here.
import './info.ts';
import './meetings.ts';
import './ideas.ts';
import './scenario-group.ts';

export { componentType, componentTypes, actionKeys, grantKindsFor, parseSettings } from './registry.ts';
export type { ComponentManifest, ActionSpec, ExportSpec, Localized } from './registry.ts';
