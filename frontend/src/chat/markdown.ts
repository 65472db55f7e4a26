// Assistant replies are Markdown; they are rendered, then sanitized, because model output is
// untrusted input like any user's text. Everything else is shown as plain text, never as HTML.
import DOMPurify from 'dompurify';
import { marked } from 'marked';

marked.setOptions({ gfm: true, breaks: true });

const FORBIDDEN = ['style', 'iframe', 'form', 'input', 'button', 'textarea', 'select', 'object', 'embed'];

let hooked = false;

function hookLinks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
}

export function renderMarkdown(markdown: string): string {
  hookLinks();
  const html = marked.parse(markdown, { async: false });
  return DOMPurify.sanitize(html, { FORBID_TAGS: FORBIDDEN, FORBID_ATTR: ['style'] });
}
