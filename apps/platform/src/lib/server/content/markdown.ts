import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Tags and attributes rich text may keep; everything else (scripts, styles, event handlers, iframes) is removed. */
const policy: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'p', 'br', 'strong', 'em', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'title'], th: ['scope'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  transformTags: {
    // Headings inside user content start at h2 (the page has its own h1); links to elsewhere are marked as such.
    h1: 'h2',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow' } }),
  },
  allowedSchemesAppliedToAttributes: ['href'],
};

/** Renders user-written Markdown to sanitized HTML; the only way rich text reaches a page. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown) as string;
  return sanitizeHtml(html, { ...policy, allowedAttributes: { ...policy.allowedAttributes, a: ['href', 'title', 'rel'] } });
}
