// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('assistant markdown', () => {
  it('renders formatting and code', () => {
    const html = renderMarkdown('**bold** and `code`\n\n```\nx < 1\n```');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('x &lt; 1');
  });

  it('strips scripts, event handlers and javascript: links', () => {
    const html = renderMarkdown(
      '<img src=x onerror=alert(1)> <script>alert(2)</script> [x](javascript:alert(3)) <iframe src="//evil"></iframe>',
    );
    expect(html).not.toMatch(/onerror|<script|javascript:|<iframe/i);
  });

  it('opens links in a new tab without an opener', () => {
    expect(renderMarkdown('[docs](https://example.com)')).toContain('rel="noopener noreferrer nofollow"');
  });
});
