import type { z } from 'zod';
import type { Component, ProcessContext } from '../service.ts';

/** A component's settings, typed by its schema (defaults where nothing is stored). */
export function settingsOf<S extends z.ZodObject>(definition: { settings: S }, component: Component): z.infer<S> {
  return definition.settings.parse(component.settings ?? {});
}

/** A component's settings in the process's current phase, typed by its schema (defaults where nothing is stored). */
export function phaseSettingsOf<P extends z.ZodObject>(definition: { phaseSettings: P }, ctx: ProcessContext, component: Component): z.infer<P> {
  return definition.phaseSettings.parse((ctx.currentPhase && component.phaseSettings[ctx.currentPhase.id]) ?? {});
}
