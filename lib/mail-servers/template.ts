/** A value a template may show: text, a number, or a flag for a {{#section}}. */
export type TemplateValue = string | number | boolean | undefined;
export type TemplateValues = Record<string, TemplateValue>;

const SECTION = /^[ \t]*\{\{([#^])([a-zA-Z][a-zA-Z0-9]*)\}\}[ \t]*\n([\s\S]*?)^[ \t]*\{\{\/\2\}\}[ \t]*\n/gm;
const VARIABLE = /\{\{([a-zA-Z][a-zA-Z0-9]*)\}\}/g;

/**
 * The configuration templates' whole language: {{name}} is replaced by a value, a line {{#flag}} ... {{/flag}}
 * keeps what it encloses when the flag is true, {{^flag}} ... {{/flag}} when it is false. Anything not
 * given is an error, so a typo never renders as an empty setting.
 */
export function renderTemplate(template: string, values: TemplateValues): string {
  const sections = template.replace(SECTION, (_all, kind: string, name: string, body: string) => {
    if (!(name in values)) throw new Error(`Template section {{${kind}${name}}} has no value.`);
    return Boolean(values[name]) === (kind === '#') ? body : '';
  });
  const rendered = sections.replace(VARIABLE, (_all, name: string) => {
    const value = values[name];
    if (value === undefined || typeof value === 'boolean') throw new Error(`Template variable {{${name}}} has no value.`);
    return String(value);
  });
  const left = /\{\{[^}]*\}\}/.exec(rendered);
  if (left) throw new Error(`Template tag ${left[0]} was not understood.`);
  return rendered;
}
