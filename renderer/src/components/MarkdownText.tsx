import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { useMemo } from 'react';

const markdown = new Marked({ gfm: true, async: false });

/** Markdown as HTML, sanitised: a model's answer is untrusted text and never runs as script. */
export function renderMarkdown(text: string): string {
  return DOMPurify.sanitize(markdown.parse(text) as string, { USE_PROFILES: { html: true } });
}

/** A model's answer rendered as Markdown (headings, lists, code, tables). */
export function MarkdownText({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
