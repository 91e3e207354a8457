// A distribution list's members from a CSV file (issue 17, point 2): read in the browser and added to the
// targets field, which the alias schema then checks like a pasted list. Zod-free, for the form's bundle.

/** Cells of one CSV line: separated by commas, semicolons or tabs, double quotes around a cell removed. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === ';' || c === '\t') {
      out.push(cell);
      cell = '';
    } else cell += c;
  }
  out.push(cell);
  return out.map((value) => value.trim());
}

/**
 * The addresses in a CSV file of members: of each line, the first cell with an @ (a header such as
 * "email,name" has none and is skipped), each address once, in the file's order. Whether each is a valid
 * address the alias schema says when the form is saved.
 */
export function membersFromCsv(text: string): string[] {
  const found = new Set<string>();
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n|\r/)) {
    const address = cells(line).find((cell) => cell.includes('@'));
    if (address) found.add(address);
  }
  return [...found];
}

/** The targets as typed, with `members` not already among them added one a line. */
export function withMembers(targets: string, members: string[]): { text: string; added: number } {
  const present = new Set(targets.split(/[\s,;]+/).map((entry) => entry.trim().toLowerCase()).filter(Boolean));
  const fresh = members.filter((member) => !present.has(member.toLowerCase()));
  const kept = targets.trimEnd();
  return { text: [kept, ...fresh].filter(Boolean).join('\n'), added: fresh.length };
}
