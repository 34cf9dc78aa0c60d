import fs from 'node:fs';

/**
 * Writes an export file (format version 1) of `count` short synthetic reports
 * to `file`: enough articles that an import is still writing when the test
 * cancels it.
 */
export function writeBulkExport(file: string, count: number): void {
  const articles = Array.from({ length: count }, (_, i) => ({
    id: `bulk-${i}`,
    outlet: `Bulk ${i % 50}`,
    title: `Artikel ${i}`,
    language: 'de',
    date: '2025-03-01',
    url: `https://bulk.example/${i}`,
    source: 'user',
    addedAt: 1,
    text: `Meldung Nummer ${i}: Der Stadtrat von Musterstadt ${i} beriet am Montag über den Haushalt. Die Sitzung dauerte ${i % 7} Stunden, und ${i % 13} Anträge wurden vertagt.`,
  }));
  fs.writeFileSync(file, JSON.stringify({ format: 'crossread-corpus', version: 1, exportedAt: new Date().toISOString(), articles }));
}
