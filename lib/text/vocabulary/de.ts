import { table, type Vocabulary } from './vocabulary';

/** German, including the Austrian "Jänner" and "Feber". */
export const de: Vocabulary = {
  months: table({
    januar: 1, jaenner: 1, janner: 1, jan: 1, februar: 2, feber: 2, feb: 2, febr: 2, marz: 3, mrz: 3, april: 4, apr: 4,
    mai: 5, juni: 6, jun: 6, juli: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, oktober: 10, okt: 10,
    november: 11, nov: 11, dezember: 12, dez: 12,
  }),
  // "Mär." is "mar" once folded, but a bare "Mar" in German text is a name ("Mar-a-Lago"), not March: an abbreviation only.
  monthAbbreviations: ['jan', 'feb', 'febr', 'mar', 'mrz', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'nov', 'dez'],
  weekdays: table({ sonntag: 0, montag: 1, dienstag: 2, mittwoch: 3, donnerstag: 4, freitag: 5, samstag: 6, sonnabend: 6 }),
  // Not "So." (Sonntag): "so" is an everyday word.
  weekdayAbbreviations: ['mo', 'di', 'mi', 'do', 'fr', 'sa'],
  partsOfDay: ['abend', 'morgen', 'nachmittag', 'vormittag', 'mittag', 'nacht', 'fruh'],
  // Not "morgen": it is also "the morning", and only the context tells.
  relativeDays: table({ vorgestern: -2, gestern: -1, heute: 0, ubermorgen: 2 }),
  relativeDayStems: table({ gestrig: -1 }),
  relativeDayPhrases: table({}),
  numbers: table({
    null: 0, ein: 1, eins: 1, eine: 1, zwei: 2, zwo: 2, drei: 3, vier: 4, funf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9,
    zehn: 10, elf: 11, zwolf: 12, dreizehn: 13, vierzehn: 14, funfzehn: 15, sechzehn: 16, siebzehn: 17, achtzehn: 18,
    neunzehn: 19, zwanzig: 20, dreissig: 30, vierzig: 40, funfzig: 50, sechzig: 60, siebzig: 70, achtzig: 80, neunzig: 90,
  }),
  // Not "eines": "eines Tages" is "one day, some day", not a duration.
  one: ['ein', 'eine', 'einer', 'einem', 'einen'],
};
