/**
 * What the version-5 reader of tests/e2e/database-upgrade.test.ts added to
 * the seeds, as inputs for makeArticle: a batch of articles on one event
 * (more than 32 of them share terms, so version 5 kept those terms' postings
 * in several chunks of 32), a few added one at a time, one of them later
 * deleted (gaps in chunks and a story that lost a member), and an article on
 * the seeds' event from an outlet of the reader's own.
 */
export interface ArticleInputs {
  id: string;
  raw: string;
  source: 'user';
  outlet?: string;
  language: string;
  date: string;
  addedAt: number;
}

const TEAMS = ['Stuttgart', 'Leverkusen', 'Bielefeld', 'Kaiserslautern'];
const SPEAKERS = ['der Trainer', 'die Kapitänin', 'der Torwart'];
const WORDS = ['historischen', 'verdienten', 'glücklichen', 'späten', 'klaren'];

/** Imported at once (the corpus manager's import). */
export const IMPORTED: ArticleInputs[] = Array.from({ length: 40 }, (_, i) => ({
  id: `pokal-${String(i).padStart(3, '0')}`,
  raw: `Das Pokalfinale in Berlin endete mit einem Sieg. Bericht Nummer ${i}: ${TEAMS[i % 4]} jubelte, ${SPEAKERS[i % 3]} sprach von einem ${WORDS[i % 5]} Erfolg.`,
  source: 'user',
  outlet: `Blatt ${i % 9}`,
  language: 'de',
  date: `2025-05-${String(1 + (i % 28)).padStart(2, '0')}`,
  addedAt: 1_700_000_000_000 + i,
}));

/** Added one at a time ("keep what I read"), in this order. */
export const ADDED: ArticleInputs[] = [
  {
    id: 'zoo',
    raw: 'Die Zoodirektorin eröffnet das neue Giraffengehege im Tierpark. Die drei Giraffen ziehen im Mai ein, teilte die Stadt mit.',
    source: 'user',
    language: 'de',
    date: '2025-04-02',
    addedAt: 1_700_000_001_000,
  },
  {
    id: 'sturm',
    raw: 'Ein Sturm hat in Norddeutschland zahlreiche Bäume entwurzelt. Die Feuerwehr rückte in Hamburg und Bremen zu hunderten Einsätzen aus.',
    source: 'user',
    language: 'de',
    date: '2025-01-20',
    addedAt: 1_700_000_001_001,
  },
  {
    id: 'pokal-late',
    raw: 'Nach dem Pokalfinale in Berlin feierte Bielefeld bis in die Nacht, der Trainer sprach von einem historischen Erfolg.',
    source: 'user',
    outlet: 'Blatt 9',
    language: 'de',
    date: '2025-05-30',
    addedAt: 1_700_000_001_002,
  },
  {
    id: 'telefonat',
    raw:
      'Trump und Putin haben telefoniert und wollen über ein Ende des Ukraine-Kriegs verhandeln. ' +
      'Das Gespräch dauerte nach Angaben des Weißen Hauses rund eineinhalb Stunden. ' +
      'Beide Präsidenten vereinbarten, dass ihre Teams unverzüglich Verhandlungen aufnehmen sollen. ' +
      'Ein Treffen der beiden könnte in Saudi-Arabien stattfinden, sagte Trump.',
    source: 'user',
    outlet: 'Leserblatt',
    language: 'de',
    date: '2025-02-12',
    addedAt: 1_700_000_001_003,
  },
];

/** Deleted after the additions. */
export const DELETED = 'pokal-005';
