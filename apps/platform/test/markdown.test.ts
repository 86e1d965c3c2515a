import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../src/lib/server/content/markdown.ts';

describe('rich text', () => {
  it('keeps Markdown structure and strips scripts, handlers and dangerous links', () => {
    const html = renderMarkdown('# Titel\n\n**fett** [Link](https://example.org) [böse](javascript:alert(1))\n\n<script>alert(1)</script><img src=x onerror=alert(1)><iframe src="https://x"></iframe>');
    expect(html).toContain('<h2>Titel</h2>');
    expect(html).toContain('<strong>fett</strong>');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow">Link</a>');
    expect(html).not.toMatch(/script|onerror|iframe|javascript:|<img/);
  });
});
