/**
 * The engine run once over two short built-in reports per language, so that a
 * started worker's code is compiled and its tables and patterns made before a
 * reader's page needs them. A started service worker pays for that on the
 * first pages it answers, in each language anew: the bench's no-story pages,
 * opened after a restarted worker had answered one German story page, spent
 * 13–22 ms tokenizing the first English page against ~4 for the next, and
 * the first comparison of English candidates 35–40 ms (Chromium, 10,000
 * articles). The texts are made up; nothing is read or stored.
 */
import type { Article } from '../article/article';
import { contentTermsOf, tokenize } from '../text/tokens';
import { annotate } from './annotate';
import type { EngineAnnotation, Page } from './types';

/** A page and another outlet's report of the same made-up event, in one language. */
interface WarmUpPair {
  page: Page;
  other: Article;
}

const DATE = '2025-03-04';

function pair(language: string, pageTitle: string, pageText: string, otherTitle: string, otherText: string): WarmUpPair {
  const other: Article = {
    id: `warm-up-${language}`,
    outlet: 'Warm-up',
    title: otherTitle,
    language,
    date: DATE,
    url: null,
    raw: otherText,
    bodyStart: 0,
    nonReporting: [],
    source: 'seed',
    addedAt: 0,
  };
  return { page: { text: pageText, url: `https://warm-up.invalid/${language}`, title: pageTitle, language, date: DATE }, other };
}

/** One pair per language the engine supports; each reports one event with its figures, a quote and a criticism. */
export const WARM_UP_PAIRS: readonly WarmUpPair[] = [
  pair(
    'en',
    'City council approves new tram line',
    [
      'The city council of Eastford voted on Tuesday to build a new tram line between the central station and the university.',
      'The line will be 7.5 kilometres long and cost about 120 million euros, Mayor Linda Marsh said. "This is the largest investment in our transport for decades," she told reporters.',
      'Construction is to begin next spring and take three years. Opposition councillors criticised the plan, saying the money would be better spent on buses.',
      'The regional government has promised to pay half of the costs.',
    ].join('\n\n'),
    'Eastford to get tram line to university',
    [
      "Eastford's city council on Tuesday approved a tram line from the central station to the university campus.",
      'According to Mayor Linda Marsh, the 7.5-kilometre line will cost around 120 million euros. She called it "the largest investment in our transport for decades".',
      'Work is expected to start next spring and last three years. The regional government will cover half of the costs.',
      'Critics in the council argued that more buses would be cheaper and could run sooner.',
    ].join('\n\n'),
  ),
  pair(
    'de',
    'Stadtrat beschließt neue Straßenbahnlinie',
    [
      'Der Stadtrat von Ostfurt hat am Dienstag den Bau einer neuen Straßenbahnlinie zwischen dem Hauptbahnhof und der Universität beschlossen.',
      'Die Strecke soll 7,5 Kilometer lang werden und rund 120 Millionen Euro kosten, sagte Bürgermeisterin Linda Marsch. „Das ist die größte Investition in unseren Verkehr seit Jahrzehnten“, sagte sie.',
      'Der Bau soll im kommenden Frühjahr beginnen und drei Jahre dauern. Die Opposition kritisierte den Plan: Das Geld sei besser in Busse investiert.',
      'Das Land hat zugesagt, die Hälfte der Kosten zu übernehmen.',
    ].join('\n\n'),
    'Ostfurt bekommt Straßenbahn zur Universität',
    [
      'Der Ostfurter Stadtrat hat am Dienstag eine Straßenbahnlinie vom Hauptbahnhof zum Campus der Universität genehmigt.',
      'Nach Angaben von Bürgermeisterin Linda Marsch kostet die 7,5 Kilometer lange Strecke etwa 120 Millionen Euro. Sie nannte sie „die größte Investition in unseren Verkehr seit Jahrzehnten“.',
      'Die Arbeiten sollen im kommenden Frühjahr beginnen und drei Jahre dauern. Das Land übernimmt die Hälfte der Kosten.',
      'Kritiker im Stadtrat hielten mehr Busse für billiger.',
    ].join('\n\n'),
  ),
];

/**
 * The warm-up's steps, each short enough to be one task of its own (the
 * caller gives the thread back between them, and stops when a request
 * arrives): per language, the page's tokens and index terms; the first
 * look of a story-only request, which compares the other report; the full
 * request. Yields each step's annotation where it made one.
 */
export function* warmUpSteps(pairs: readonly WarmUpPair[] = WARM_UP_PAIRS): Generator<EngineAnnotation | null, void, void> {
  for (const { page, other } of pairs) {
    const language = page.language!;
    const tokens = tokenize(page.text, language);
    contentTermsOf(tokens, language);
    yield null;
    const pageTokens = { text: page.text, language, tokens };
    const storyOf = () => 'warm-up';
    yield annotate(page, [other], { storyOnly: true, storyOf, pageTokens });
    yield annotate(page, [other], { storyOf, pageTokens });
  }
}
