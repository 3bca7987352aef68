/**
 * An mdast plugin (Sätteri's plugin shape, no import needed) that makes Markdown from content/
 * inert: raw HTML becomes literal text (so `<script>` or `<img onerror=…>` is shown, not run),
 * links and images with a scheme other than http(s)/mailto lose their target, and links that
 * leave the site get rel="noopener noreferrer". Content is data, not markup.
 */
interface Node {
  type: string;
  value?: string;
  url?: string;
  children?: Node[];
}
interface Ctx {
  parent(node: Node): Node | undefined;
}

export function isSafeUrl(url: string): boolean {
  const u = url.trim();
  if (/^(https?:|mailto:)/i.test(u)) return true;
  // Relative and fragment links have no scheme: nothing before the first ':' that looks like one.
  return !/^[a-z][a-z0-9+.-]*:/i.test(u.replace(/[\u0000-\u0020]/g, ''));
}

export function isExternalUrl(url: string): boolean {
  return /^(https?:)?\/\//i.test(url.trim());
}

export const inertMarkdown = {
  name: 'modelgate-inert-markdown',
  html(node: Node, ctx: Ctx): Node {
    const text: Node = { type: 'text', value: node.value ?? '' };
    const parent = ctx.parent(node);
    // Block-level HTML sits directly in the root (or a block container): give the text a paragraph.
    return parent && ['root', 'blockquote', 'listItem'].includes(parent.type) ? { type: 'paragraph', children: [text] } : text;
  },
  link(node: Node): Node | undefined {
    if (!node.url) return undefined;
    if (!isSafeUrl(node.url)) return { ...node, url: '#unsafe-link-removed' } as Node;
    if (isExternalUrl(node.url)) return { ...node, data: { hProperties: { rel: 'noopener noreferrer' } } } as Node;
    return undefined;
  },
  image(node: Node): Node | undefined {
    if (node.url && !isSafeUrl(node.url)) return { ...node, url: '' } as Node;
    return undefined;
  },
};
