// Question texts and explanations are Markdown written by teachers: rendered with raw HTML off,
// so a text can format but never inject markup or scripts (markdown-it also refuses javascript:,
// vbscript:, file: and most data: links). Formulas stay as typed.
import MarkdownIt from "markdown-it";

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

export const renderMarkdown = (text: string): string => markdown.render(text);

/** The text without Markdown's marks, for plain-text channels (a Telegram message, a spreadsheet). */
export function plainText(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__|\*|_|`)(.+?)\1/g, "$2")
    .replace(/^#{1,6}\s+/gm, "")
    .trim();
}
