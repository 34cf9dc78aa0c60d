import { describe, expect, it } from 'vitest';
import { NoteCard, summaryParts } from '../../components/NoteCard';
import { messages } from '../../lib/i18n/messages';
import type { ParagraphNote } from '../../lib/notes/paragraph-notes';
import type { OutletNote } from '../../lib/notes/page-notes';
import { useDom } from './dom';

const { mount } = useDom();

const outlet = (name: string, more: Partial<OutletNote> = {}): OutletNote => ({
  outlet: name,
  relation: 'agree',
  evidence: [`${name}: Trump und Putin telefonierten am Mittwoch.`],
  adds: [],
  conflicts: [],
  ...more,
});

function opened(note: ParagraphNote, locale: 'en' | 'de' = 'en') {
  const root = mount(
    <NoteCard
      note={note}
      excerpt="Trump und Putin telefonierten"
      placement={{ mode: 'margin', top: 0, left: 0, width: 280 }}
      open={false}
      t={messages(locale)}
      onToggle={() => {}}
      onHighlight={() => {}}
    />,
  );
  const closed = root.querySelector('button.summary')!.textContent;
  const again = mount(
    <NoteCard
      note={note}
      excerpt="Trump und Putin telefonierten"
      placement={{ mode: 'margin', top: 0, left: 0, width: 280 }}
      open
      t={messages(locale)}
      onToggle={() => {}}
      onHighlight={() => {}}
    />,
  );
  return { closed, details: again.querySelector<HTMLElement>('.details')! };
}

describe('NoteCard: what the engine is unsure of', () => {
  it('an outlet crossread could not compare is "not compared", never "omits"', () => {
    const note: ParagraphNote = { block: 1, agree: [outlet('B')], adds: [], omits: ['C'], unclear: ['D', 'E'], conflicts: [], sentences: [] };
    const { closed, details } = opened(note);
    expect(closed).toBe('✓ 1 agrees · – 1 omits · ? 2 not compared');
    expect(details.querySelector('.omits')!.textContent).toBe('– Not reported by C');
    expect(details.querySelector('.unclear')!.textContent).toBe('? Not compared with D, E — no outlet says this in words crossread can match');
    expect(summaryParts(note, messages('de'))).toEqual(['✓ 1 stimmt zu', '– 1 lässt aus', '? 2 nicht verglichen']);
  });

  it('an outlet whose report is short is not listed under the paragraph (it is said once for the page)', () => {
    const note: ParagraphNote = { block: 1, agree: [outlet('B')], adds: [], omits: [], short: ['E'], conflicts: [], sentences: [] };
    const { closed, details } = opened(note);
    expect(closed).toBe('✓ 1 agrees');
    expect(details.textContent).not.toContain('E');
  });

  it('added detail is quieter than the agreement: muted, not bold, its new words marked', () => {
    const added = 'Das Gespräch dauerte eineinhalb Stunden.';
    const b = outlet('B', { relation: 'omits', evidence: [], adds: [added], addsMarks: [[[21, 39]]] });
    const c = outlet('C', { adds: ['Putin lud Trump nach Moskau ein.'], addsMarks: [[[0, 5], [21, 27]]] });
    const note: ParagraphNote = { block: 1, agree: [c], adds: [b, c], omits: [], conflicts: [], sentences: [] };
    const { details } = opened(note);
    const adds = details.querySelector('.outlet.adds')!;
    expect(adds.textContent).toBe(`+ B adds: ${added}`);
    expect([...adds.querySelectorAll('mark.new')].map((m) => m.textContent)).toEqual(['eineinhalb Stunden']);
    expect(adds.querySelector('em, b, u')).toBeNull();
    // The agreeing outlet's own detail comes after its evidence, on a quieter line.
    const agree = details.querySelector('.outlet.agree')!;
    expect(agree.querySelector('q')!.textContent).toBe('C: Trump und Putin telefonierten am Mittwoch.');
    const line = agree.querySelector('.detail-line')!;
    expect(line.textContent).toBe('+ adds: Putin lud Trump nach Moskau ein.');
    expect([...line.querySelectorAll('mark.new')].map((m) => m.textContent)).toEqual(['Putin', 'Moskau']);
  });

  it('marks nothing where the engine gives no new words, and ignores ranges outside the quote', () => {
    const b = outlet('B', { relation: 'omits', evidence: [], adds: ['Kurz.'], addsMarks: [[[3, 40]]] });
    const { details } = opened({ block: 1, agree: [], adds: [b], omits: [], conflicts: [], sentences: [] } as ParagraphNote);
    expect(details.querySelector('.outlet.adds')!.textContent).toBe('+ B adds: Kurz.');
    expect(details.querySelectorAll('mark').length).toBe(0);
  });

  it('an agreement crossread is less sure of reads "probably agrees", with its confidence on hover', () => {
    const note: ParagraphNote = {
      block: 1,
      agree: [outlet('B', { confidence: 0.6 }), outlet('C', { confidence: 0.93 })],
      adds: [],
      omits: [],
      conflicts: [],
      sentences: [],
    };
    const { details } = opened(note);
    const [b, c] = [...details.querySelectorAll('.outlet.agree')];
    expect(b.textContent).toMatch(/^✓ B probably agrees: /);
    expect(b.getAttribute('title')).toBe('crossread is 60 % sure of this');
    expect(c.textContent).toMatch(/^✓ C agrees: /);
    const de = opened(note, 'de').details;
    expect(de.querySelector('.outlet.agree')!.textContent).toMatch(/^✓ B stimmt wohl zu: /);
  });
});
