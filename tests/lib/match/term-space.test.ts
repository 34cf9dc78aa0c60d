import { describe, expect, it } from 'vitest';
import { analyse, articleFeatures } from '../../../lib/match/features';
import { completeSimilarities, coverage, similarity, SIMILARITY, similarityFrom, similarityMatrix, TermSpace } from '../../../lib/match/term-space';
import { loadSeeds } from '../../helpers/seeds';

const sentencesOf = (text: string, language = 'de') => analyse({ text, language }).sentences;

describe('TermSpace', () => {
  it('splits compounds against the vocabulary of the texts compared', () => {
    const a = sentencesOf('Die Friedensverhandlungen sollen bald beginnen. Der Präsident sprach am Abend im Fernsehen.');
    const b = sentencesOf('Verhandlungen über einen Frieden sollen bald beginnen. Die Opposition kritisierte den Präsidenten scharf.');
    const space = new TermSpace([a, b]);
    const compound = a[0].terms.find((t) => t.startsWith('friedensverhandl'))!;
    expect(space.split(compound)).toHaveLength(2);
    const withParts = similarity(space.vector(a[0]), space.vector(b[0]));
    expect(withParts).toBeGreaterThan(0.5);
    expect(withParts).toBeGreaterThan(similarity(space.vector(a[0]), space.vector(b[1])));
  });

  it('weights a term found in every sentence less than a rare one', () => {
    const s = sentencesOf(
      'Trump telefonierte lange mit Putin. Trump lobte Putin danach sehr. Trump und Putin planen ein Treffen in Riad. Trump nannte den Ort Riad.',
    );
    const space = new TermSpace([s]);
    expect(space.idf('trump')).toBeLessThan(space.idf('riad'));
  });

  it('rates a paraphrase above an unrelated sentence, and a shared duration counts', () => {
    const page = sentencesOf('Das Telefonat dauerte eineinhalb Stunden, teilte das Präsidialamt mit.');
    const other = sentencesOf('Eineinhalb Stunden lang dauerte das Telefonat der beiden. Die Opposition kritisierte den Haushalt der Stadt scharf.');
    const space = new TermSpace([page, other]);
    const p = space.vector(page[0]);
    expect(similarity(p, space.vector(other[0]))).toBeGreaterThan(similarity(p, space.vector(other[1])));
    expect(similarity(p, space.vector(other[1]))).toBe(0);
    expect(coverage(space.vector(other[0]), p)).toBeGreaterThan(0.5);
  });

  it('joins participles and past forms with the stem the texts also use', () => {
    const a = sentencesOf('Der Bau hat drei Jahre gedauert und viel Geld gekostet.');
    const b = sentencesOf('Der Bau dauert drei Jahre und kostet viel Geld.');
    const space = new TermSpace([a, b]);
    const participle = a[0].terms.find((t) => t.startsWith('gedauert'))!;
    expect(space.key(participle)).toBe(space.key(b[0].terms.find((t) => t.startsWith('dauert'))!));
  });

  it('joins a verb form in -t with the stem of its infinitive when the texts use that stem', () => {
    const a = sentencesOf('Der Kreml bestätigt das lange Telefonat.');
    const b = sentencesOf('Die Bestätigung des Telefonats kam aus dem Kreml.');
    const form = a[0].terms.find((t) => t.startsWith('bestatigt'))!;
    const noun = b[0].terms.find((t) => t.startsWith('bestat'))!;
    expect(form).not.toBe(noun);
    expect(new TermSpace([a, b]).key(form)).toBe(noun);
    // Without the noun in the texts there is nothing to join it with.
    expect(new TermSpace([a]).key(form)).toBe(form);
  });

  it('answers alike when another space was built since (spaces share the lookup of term ids)', () => {
    const a = sentencesOf('Die Friedensverhandlungen in Riad haben drei Stunden gedauert. Der Kreml bestätigt das Telefonat.');
    const b = sentencesOf('Verhandlungen über einen Frieden dauert in Riad an. Die Bestätigung des Telefonats kam aus dem Kreml.');
    const c = sentencesOf('Der Haushalt der Stadt wurde gestern beschlossen. Die Opposition kritisierte die Verhandlungen scharf.');
    const terms = [...a, ...b, ...c].flatMap((s) => s.terms);
    const answers = (space: TermSpace) => terms.map((t) => [space.key(t), space.split(space.key(t)).join('+'), space.idOf(t), space.idf(t)]);
    const alone = answers(new TermSpace([a, b]));
    const first = new TermSpace([a, b]);
    const other = new TermSpace([c, b]);
    expect(answers(first)).toEqual(alone);
    // Back and forth: each keeps its own vocabulary ("bestat" and the compound's parts are the first's only).
    expect(answers(other)).toEqual(answers(new TermSpace([c, b])));
    expect(answers(first)).toEqual(alone);
    const compound = a[0].terms.find((t) => t.startsWith('friedensverhandl'))!;
    expect(first.split(compound)).toHaveLength(2);
    expect(new TermSpace([a, c]).split(compound)).not.toEqual(first.split(compound));
  });
});

describe('informative terms', () => {
  it('discounts a match resting only on words found in many sentences', () => {
    const s = sentencesOf(
      [
        'Trump sagte, Putin habe angerufen.',
        'Trump und Putin sprachen über Gas.',
        'Trump lobte Putin für das Gespräch.',
        'Putin und Trump wollen sich in Riad treffen.',
        'Das Treffen in Riad soll bald stattfinden, sagte Trump über Putin.',
      ].join(' '),
    );
    const simOf = (i: number, j: number) => {
      const space = new TermSpace([s]);
      return similarity(space.vector(s[i]), space.vector(s[j]));
    };
    const saved = SIMILARITY.informative;
    SIMILARITY.informative = 0;
    const [plainProtagonists, plainPlace] = [simOf(0, 2), simOf(3, 4)];
    SIMILARITY.informative = saved;
    // Sentences 0 and 2 share only the protagonists; 3 and 4 also share the rarer "Riad" and "Treffen".
    expect(simOf(0, 2)).toBeLessThan(plainProtagonists);
    expect(simOf(3, 4)).toBe(plainPlace);
  });
});

describe('similarityMatrix', () => {
  it('holds similarity() of every pair, computed only where the two share a term', () => {
    const a = sentencesOf(
      'Die Friedensverhandlungen sollen bald in Riad beginnen, sagte der Sprecher. Das Telefonat dauerte eineinhalb Stunden. Der Präsident sprach am Abend im Fernsehen über die Wirtschaft.',
    ).filter((x) => x.content);
    const b = sentencesOf(
      'Verhandlungen über einen Frieden sollen in Riad beginnen. Eineinhalb Stunden lang dauerte das Telefonat der beiden, hieß es. Die Opposition kritisierte den Haushalt der Stadt scharf.',
    ).filter((x) => x.content);
    const space = new TermSpace([a, b]);
    const av = a.map((x) => space.vector(x));
    const bv = b.map((x) => space.vector(x));
    const full = similarityMatrix(av, bv);
    av.forEach((x, i) => bv.forEach((y, k) => expect(full[i][k]).toBe(similarity(x, y))));
    // The compound meets its parts, the duration its spelling; the unrelated pair stays 0.
    expect(full[0][0]).toBeGreaterThan(0.3);
    expect(full[1][1]).toBeGreaterThan(0.3);
    expect(full[2][2]).toBe(0);
  });
});

describe('similarityFrom', () => {
  it('is the similarity wherever that reaches the bar, and below the bar elsewhere, over every sentence pair of two seeds', () => {
    const [a, b] = loadSeeds().slice(0, 2).map((x) => articleFeatures(x).sentences.filter((s) => s.content));
    const space = new TermSpace([a, b]);
    const av = a.map((x) => space.vector(x));
    const bv = b.map((x) => space.vector(x));
    let skipped = 0;
    for (const min of [0.05, 0.1, 0.2, 0.3, 0.5])
      for (const x of av)
        for (const y of bv) {
          const exact = similarity(x, y);
          const from = similarityFrom(x, y, min);
          if (exact >= min) expect(from).toBe(exact);
          else {
            expect(from).toBeLessThan(min);
            if (from !== exact) skipped++;
          }
        }
    // The clause comparisons it spares are what it is for.
    expect(skipped).toBeGreaterThan(100);
  });
});

describe('similarityMatrix over two seeds', () => {
  const [a, b] = loadSeeds().slice(0, 2).map((x) => articleFeatures(x).sentences.filter((s) => s.content));
  const vectors = () => {
    const space = new TermSpace([a, b]);
    return { av: a.map((x) => space.vector(x)), bv: b.map((x) => space.vector(x)) };
  };

  it('gives every pair exactly what similarity() gives it (the postings sum in the pairwise order)', () => {
    const { av, bv } = vectors();
    const full = similarityMatrix(av, bv);
    let nonZero = 0;
    av.forEach((x, i) =>
      bv.forEach((y, k) => {
        expect(full[i][k]).toBe(similarity(x, y));
        if (full[i][k] > 0) nonZero++;
      }),
    );
    expect(nonZero).toBeGreaterThan(50);
  });

  it('with a bar, is exact wherever that is reached, below it elsewhere, and marks what it left short', () => {
    const { av, bv } = vectors();
    for (const min of [0.1, 0.3, 0.5]) {
      const partial: Array<Uint8Array | null> = [];
      const bounded = similarityMatrix(av, bv, min, partial);
      let short = 0;
      av.forEach((x, i) =>
        bv.forEach((y, k) => {
          const exact = similarity(x, y);
          if (exact >= min) expect(bounded[i][k]).toBe(exact);
          else expect(bounded[i][k]).toBeLessThan(min);
          if (partial[i]?.[k]) short++;
          else expect(bounded[i][k]).toBe(exact);
        }),
      );
      expect(short).toBeGreaterThan(0);
    }
  });

  it('completed where it left pairs short, holds exactly what it holds without a bar', () => {
    for (const min of [0.1, 0.3, 0.5]) {
      const { av, bv } = vectors();
      const partial: Array<Uint8Array | null> = [];
      const bounded = similarityMatrix(av, bv, min, partial);
      completeSimilarities(av, bv, bounded, partial);
      expect(bounded).toEqual(similarityMatrix(av, bv));
    }
  });
});

describe("a space's vectors of the documents it was made of", () => {
  const [a, b] = loadSeeds().slice(0, 2).map((x) => articleFeatures(x).sentences);

  it('are vector() of each content sentence (null for the others), whether or not the first document is kept in the lexicon', () => {
    for (const onceDocs of [0, 1]) {
      const space = new TermSpace([a, b], 'de', onceDocs);
      const [av, bv] = [space.vectorsOf(0, a), space.vectorsOf(1, b)];
      expect(av.map((v) => v === null)).toEqual(a.map((s) => !s.content));
      // (Compared without their pending clauses' space: vector() leaves the same fields.)
      const plain = (v: ReturnType<TermSpace['vector']> | null) => v && { ids: v.ids, ws: v.ws, norm: v.norm, total: v.total, clauses: v.pendingClauses };
      const fresh = new TermSpace([a, b]);
      av.forEach((v, i) => v && expect(plain(v)).toEqual(plain(fresh.vector(a[i]))));
      bv.forEach((v, i) => v && expect(plain(v)).toEqual(plain(fresh.vector(b[i]))));
      const expanded = new Set<number>();
      const given = new Set<number>();
      a.forEach((s, i) => {
        space.addExpandedIdsOf(0, i, expanded);
        fresh.addExpandedIds(s.terms, given);
      });
      expect(expanded).toEqual(given);
      expect(expanded.size).toBeGreaterThan(100);
    }
  });

  it('are the same whichever spaces met the documents before, in whichever place (a document\'s ids are kept per list)', () => {
    const [, , c] = loadSeeds().slice(0, 3).map((x) => articleFeatures(x).sentences);
    const plain = (v: ReturnType<TermSpace['vector']> | null) => v && { ids: v.ids, ws: v.ws, norm: v.norm, total: v.total };
    // a second in one space, first in the next, then beside another document: each time what vector() makes of its sentences.
    for (const docs of [[b, a], [a, c], [c, a, b], [a, b]]) {
      const space = new TermSpace(docs);
      docs.forEach((doc, d) => {
        const vectors = space.vectorsOf(d, doc);
        expect(vectors.filter((v) => v !== null).length).toBeGreaterThan(5);
        vectors.forEach((v, i) => v && expect(plain(v)).toEqual(plain(space.vector(doc[i]))));
      });
    }
  });
});
