const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
const SPECIAL = /[&<>"']/;
const SPECIAL_ALL = /[&<>"']/g;

/**
 * Text or an attribute value, escaped exactly as React's server renderer escapes them (the same five
 * characters, the same entities), so markup built as a string reads the same as markup React built.
 */
export function escapeHtml(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ENTITIES[c]!) : value;
}
