/**
 * The one convention for a list inside a CSV cell, for bets and evidence alike: items joined by
 * ";", a ";" or "\" inside an item escaped with "\" ("a\;b" is the one item "a;b"). Items are
 * trimmed and empty ones dropped, so "a; b;" reads as ["a", "b"]. Export then import gives the
 * same items, whatever they contain.
 */
export function joinList(items: readonly string[]): string {
  return items.map((s) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;')).join(';');
}

export function splitList(cell: string): string[] {
  const items: string[] = [];
  let cur = '';
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i];
    if (c === '\\' && i + 1 < cell.length) cur += cell[++i];
    else if (c === ';') {
      items.push(cur);
      cur = '';
    } else cur += c;
  }
  items.push(cur);
  return items.map((s) => s.trim()).filter((s) => s !== '');
}
