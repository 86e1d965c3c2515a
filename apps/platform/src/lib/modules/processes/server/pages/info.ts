import { renderMarkdown } from '../../../../server/content/markdown.ts';
import type { ComponentPage } from './types.ts';

export const infoPage: ComponentPage = {
  async load({ component }) {
    const settings = component.settings as { body?: string };
    return { bodyHtml: renderMarkdown(settings.body ?? '') };
  },
};
