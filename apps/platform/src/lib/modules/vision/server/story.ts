import { diffWordsWithSpace } from 'diff';

/**
 * Paragraphs of a story, as comments anchor to them: blocks separated by blank lines, trimmed, empty ones dropped.
 * The same split is used to render, so a paragraph index always names the same passage of one version.
 */
export function splitParagraphs(markdown: string): string[] {
  return markdown
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Whitespace collapsed, for comparing a quote with its paragraph. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** A word-level diff of two story versions (the `diff` library, whitespace kept so the text reads as written). */
export function diffStory(from: string, to: string): { parts: DiffPart[]; added: number; removed: number } {
  const changes = diffWordsWithSpace(from.replace(/\r\n?/g, '\n'), to.replace(/\r\n?/g, '\n'));
  let added = 0;
  let removed = 0;
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  const parts = changes.map((c): DiffPart => {
    if (c.added) added += words(c.value);
    if (c.removed) removed += words(c.value);
    return { kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value };
  });
  return { parts, added, removed };
}
