import { format, objDisplay } from '@vitest/utils/display';

/**
 * The title of one `.each` case, as vitest writes it: `%#` is the case index, `%$` its 1-based
 * number, printf placeholders (%s %d %i %f %j %o %O) take the row's values in order, and
 * `$name` / `$a.b` / `$0` read from an object row (or index an array row).
 */
export function formatEachTitle(template: string, items: readonly unknown[], index: number): string {
  let title = template;
  if (title.includes('%#') || title.includes('%$')) {
    title = title
      .replace(/%%/g, '\uE000')
      .replace(/%#/g, String(index))
      .replace(/%\$/g, String(index + 1))
      .replace(/\uE000/g, '%%');
  }
  const placeholders = (title.match(/%[sdifjoOc%]/g) ?? []).filter((p) => p !== '%%').length;
  let formatted = placeholders > 0 || title.includes('%%') ? format(title, ...items.slice(0, placeholders)) : title;
  const first = items[0];
  const objectRow = typeof first === 'object' && first !== null && !Array.isArray(first);
  formatted = formatted.replace(/\$([$\w.]+)/g, (whole, key: string) => {
    const isIndex = /^\d+$/.test(key);
    if (!objectRow && !isIndex) return whole;
    const value = objectRow ? readPath(first, key) : items[Number(key)];
    return objDisplay(value, { truncate: 40 });
  });
  return formatted;
}

function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * Rows of a tagged-template table (`it.each\`a | b | sum ${1} | ${2} | ${3}\``): the first line's
 * names become the keys of one object per row.
 */
export function parseEachTable(strings: readonly string[], values: readonly unknown[]): Record<string, unknown>[] {
  const header = (strings[0] ?? '')
    .split('|')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (header.length === 0) throw new Error('.each table has no header row: write the column names on the first line, separated by |');
  if (values.length % header.length !== 0) {
    throw new Error(`.each table has ${values.length} values for ${header.length} columns (${header.join(', ')}): every row needs one value per column`);
  }
  const rows: Record<string, unknown>[] = [];
  for (let start = 0; start < values.length; start += header.length) {
    const row: Record<string, unknown> = {};
    header.forEach((name, i) => {
      row[name] = values[start + i];
    });
    rows.push(row);
  }
  return rows;
}
