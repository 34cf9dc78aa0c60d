import { describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { Overlay, type PlacedNote } from '../../components/Overlay';
import { messages } from '../../lib/i18n/messages';
import { rankMissing } from '../../lib/notes/missing-ranking';
import type { ParagraphNote } from '../../lib/notes/paragraph-notes';
import { useDom } from './dom';

const dom = useDom();

const outlet = (name: string, more: Partial<ParagraphNote['agree'][number]> = {}) => ({
  outlet: name, relation: 'agree' as const, evidence: [`${name} sagt: Das Gespräch dauerte eineinhalb Stunden im Kreml.`], adds: [], conflicts: [], ...more,
});
const note: ParagraphNote = {
  block: 2,
  agree: [outlet('B', { adds: ['im Kreml'] }), outlet('C')],
  adds: [outlet('B', { adds: ['im Kreml'] })],
  omits: ['D'],
  conflicts: [{ outlet: 'C', page: 'Sie sprachen knapp eine Stunde.', theirs: 'eineinhalb Stunden' }],
  sentences: [{ start: 0, end: 10 }],
};
const placed = (mode: 'margin' | 'marker'): PlacedNote => ({
  note,
  excerpt: 'Sie sprachen knapp eine Stunde',
  placement: mode === 'margin' ? { mode, top: 100, left: 700, width: 260 } : { mode, top: 100, left: 300, popoverLeft: 20, popoverWidth: 320 },
});
const summary = { outlets: 3, shared: 4, details: 2, onlyHere: 1, missing: 1 };

function mount(props: Partial<Parameters<typeof Overlay>[0]> = {}) {
  return dom.mount(
    <Overlay
      t={messages('en')}
      theme="light"
      notes={[placed('margin')]}
      top={{ mode: 'margin', top: 0, left: 700, width: 260 }}
      summary={summary}
      missing={rankMissing([{ text: 'Es regnete.', outlets: ['B', 'C'] }])}
      related={null}
      onHighlight={() => {}}
      {...props}
    />,
  );
}

describe('Overlay', () => {
  it('summarises a note with symbols and opens it to the outlets own words, added detail quietly inside, figures side by side', () => {
    const root = mount();
    const button = root.querySelector<HTMLButtonElement>('.note button.summary')!;
    expect(button.textContent).toBe('✓ 2 agree · + 1 adds detail · ≠ 1 differs · – 1 omits');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(root.querySelector('.note')!.getAttribute('aria-label')).toBe('Note on “Sie sprachen knapp eine Stunde”');
    act(() => button.click());
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const panel = root.querySelector(`#${button.getAttribute('aria-controls')}`)!;
    expect(panel.textContent).toContain('B agrees:');
    expect(panel.querySelector('.agree .detail')?.textContent).toBe('im Kreml');
    // The detail is not louder than the agreement: no bold, no underline of its own.
    expect(panel.querySelector('.agree .detail')!.closest('em, strong, b, u')).toBeNull();
    expect(panel.querySelector('.conflict')!.textContent).toContain('this article: Sie sprachen knapp eine Stunde. · C: eineinhalb Stunden');
    expect(panel.querySelector('.conflict em')!.textContent).toBe('eineinhalb Stunden');
    expect(panel.textContent).toContain('Not reported by D');
    const summaryLine = root.querySelector('.article-summary summary')!.textContent;
    expect(summaryLine).toBe(
      'Compared with 3 outlets: 4 points shared · 2 details others add · 1 point only here · 1 point reported by 2+ outlets is missing here',
    );
    expect(root.querySelector('.missing')).toBeNull();
    const details = root.querySelector('details')!;
    act(() => {
      details.open = true;
      details.dispatchEvent(new dom.window.Event('toggle'));
    });
    expect(root.querySelector('.missing li')!.textContent).toBe('Es regnete. — B, C');
    expect(root.querySelector('.missing h3')!.textContent).toBe('Reported by 2 outlets');
  });

  it('closes an open note with Escape and gives the focus back to its button', () => {
    const root = mount();
    const button = root.querySelector<HTMLButtonElement>('.note button.summary')!;
    button.focus();
    act(() => button.click());
    act(() => {
      root.querySelector('.details a, .details q')!.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(dom.window.document.activeElement).toBe(button);
  });

  it('shows a compact marker on narrow pages that still names every relation for screen readers', () => {
    const root = mount({ notes: [placed('marker')] });
    const button = root.querySelector('.marker-note button.summary')!;
    expect(button.querySelector('[aria-hidden="true"]')!.textContent).toBe('✓2 +1 ≠1 –1');
    expect(button.querySelector('.sr-only')!.textContent).toBe('✓ 2 agree · + 1 adds detail · ≠ 1 differs · – 1 omits');
  });

  it('stacks the top line with the margin notes also when the first notes are markers (beside a sidebar)', () => {
    const second: PlacedNote = { ...placed('margin'), note: { ...note, block: 5 } };
    const root = mount({ notes: [placed('marker'), second] });
    expect(root.querySelector('.top')!.hasAttribute('data-stack')).toBe(true);
    expect(root.querySelectorAll('.slot[data-stack]').length).toBe(1);
    expect(root.querySelectorAll('.marker-note').length).toBe(1);
  });

  it('replaces the notes with one quiet hint when the coverage is of another event', () => {
    const root = mount({ notes: [], related: 2, summary: null });
    expect(root.querySelectorAll('.note').length).toBe(0);
    expect(root.querySelector('.related-hint')!.textContent).toBe(messages('en').relatedHint(2));
    expect(root.textContent).not.toMatch(/agree/);
  });

  it('speaks German', () => {
    const root = mount({ t: messages('de') });
    expect(root.querySelector('.note button.summary')!.textContent).toBe('✓ 2 stimmen zu · + 1 ergänzt · ≠ 1 weicht ab · – 1 lässt aus');
    expect(root.querySelector('.article-summary summary')!.textContent).toMatch(/^Verglichen mit 3 Medien: 4 gemeinsame Punkte/);
  });
});
