/**
 * The outlets of the feed tests: three local servers on 127.0.0.1 (one port
 * each, so each is its own origin) serving an RSS, an Atom and a JSON feed of
 * ten items built from ../shared/data story3, story4 and their look-alikes,
 * with the items' article pages; and a fourth site the reader browses, with a
 * look-alike article none of the feeds carries, a page to keep, and the bad
 * feeds of the issue.
 */
import fs from 'node:fs';
import path from 'node:path';
import { articlePage, atomFeed, jsonFeed, rssFeed, startRoutesServer, type FixtureItem, type RoutesServer } from '../services/feeds/routes-server';
import { expect } from 'vitest';
import { sharedDir } from './chromium-setup';

interface SharedText {
  /** story3/01.txt */
  name: string;
  title: string;
  text: string;
  date: string;
  story: string;
}

const stories = JSON.parse(fs.readFileSync(path.join(sharedDir, 'data/stories.json'), 'utf8')) as {
  stories: Record<string, { date: string }>;
  files: Record<string, { event: string; story?: string }>;
};

export function sharedText(name: string): SharedText {
  const raw = fs.readFileSync(path.join(sharedDir, 'data', name), 'utf8');
  const blank = raw.indexOf('\n\n');
  const header = raw.slice(0, blank);
  const text = raw.slice(blank + 2).trim();
  const title = /^title:[ \t]*(\S.*)$/m.exec(header)?.[1]?.trim() || text.split(/(?<=[.!?])\s/)[0].slice(0, 100);
  const label = stories.files[name];
  // The event's day: the story's date, or the date a look-alike's event label ends with.
  const date = label.story ? stories.stories[label.story].date : (/(\d{4}-\d{2}-\d{2})$/.exec(label.event)?.[1] ?? '2025-05-08');
  return { name, title, text, date, story: label.story ?? label.event };
}

/** What each outlet's feed carries: ten items each; the first outlet's feed carries full texts, the others link to pages. */
export const OUTLET_ITEMS: string[][] = [
  ['story3/01.txt', 'story3/02.txt', 'story3/03.txt', 'story3/04.txt', 'story4/01.txt', 'story4/02.txt', 'story4/03.txt', 'story4/04.txt', 'near3/06.txt', 'near4/03.txt'],
  ['story3/05.txt', 'story3/06.txt', 'story3/07.txt', 'story3/08.txt', 'story4/05.txt', 'story4/06.txt', 'story4/07.txt', 'story4/08.txt', 'near3/07.txt', 'near4/04.txt'],
  ['story3/09.txt', 'story3/10.txt', 'story3/11.txt', 'story4/09.txt', 'story4/10.txt', 'story4/11.txt', 'story4/12.txt', 'near3/11.txt', 'near3/12.txt', 'near4/09.txt'],
];
export const OUTLET_NAMES = ['Outlet RSS', 'Outlet Atom', 'Outlet JSON'];
const FEED_PATHS = ['/feed.xml', '/atom.xml', '/feed.json'];
const FEED_TYPES = ['application/rss+xml; charset=utf-8', 'application/atom+xml; charset=utf-8', 'application/feed+json'];

export interface FeedWorld {
  outlets: RoutesServer[];
  reader: RoutesServer;
  feedUrl: (i: number) => string;
  /** Serves each outlet's ten items (until then the feeds are empty). */
  fill: () => void;
  /** The pages opened: a story3 report of the RSS outlet, a look-alike none of the feeds carries, a story4 report to keep, one on another site. */
  pages: { story3: string; lookAlike: string; toKeep: string; elsewhere: string; announcing: string };
  close: () => Promise<void>;
}

const slug = (name: string) => name.replace(/\W+/g, '-');

export async function startFeedWorld(): Promise<FeedWorld> {
  const outlets = await Promise.all([0, 1, 2].map(() => startRoutesServer()));
  const reader = await startRoutesServer();
  const feedUrl = (i: number) => `${outlets[i].origin}${FEED_PATHS[i]}`;
  const serveFeed = (i: number, items: FixtureItem[]) => {
    const make = [rssFeed, atomFeed, jsonFeed][i];
    outlets[i].routes.set(FEED_PATHS[i], { body: make(OUTLET_NAMES[i], `${outlets[i].origin}/`, items), type: FEED_TYPES[i] });
  };
  outlets.forEach((_, i) => serveFeed(i, []));
  // Each outlet's front page announces its feed, as news sites do.
  outlets.forEach((o, i) =>
    o.routes.set('/', {
      type: 'text/html; charset=utf-8',
      body: articlePage(`${OUTLET_NAMES[i]} front page`, sharedText('near4/13.txt').text, '2018-03-14', [
        { type: ['application/rss+xml', 'application/atom+xml', 'application/feed+json'][i], href: FEED_PATHS[i], title: `${OUTLET_NAMES[i]} news` },
      ]),
    }),
  );
  const fill = () =>
    OUTLET_ITEMS.forEach((names, i) => {
      const items = names.map((name): FixtureItem => {
        const t = sharedText(name);
        const link = `${outlets[i].origin}/${slug(name)}.html`;
        outlets[i].routes.set(`/${slug(name)}.html`, { type: 'text/html; charset=utf-8', body: articlePage(t.title, t.text, t.date) });
        // The RSS outlet carries whole articles; the JSON one every other; the Atom one teasers only, so its pages are fetched.
        const full = i === 0 || (i === 2 && names.indexOf(name) % 2 === 0);
        return { id: `${OUTLET_NAMES[i]}:${name}`, title: t.title, link, date: t.date, ...(full ? { content: t.text } : { summary: `${t.text.slice(0, 140)}…` }) };
      });
      serveFeed(i, items);
    });
  const readerPage = (name: string) => {
    const t = sharedText(name);
    reader.routes.set(`/${slug(name)}.html`, { type: 'text/html; charset=utf-8', body: articlePage(t.title, t.text, t.date) });
    return `${reader.origin}/${slug(name)}.html`;
  };
  const elsewhereText = sharedText('story4/14.txt');
  outlets[1].routes.set('/elsewhere.html', { type: 'text/html; charset=utf-8', body: articlePage(elsewhereText.title, elsewhereText.text, elsewhereText.date) });
  // The bad feeds of the issue, on the reader's site.
  const r = reader.routes;
  r.set('/malformed.xml', { body: '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>broken</item></channel>' });
  r.set('/page.xml', { type: 'text/html', body: '<!doctype html><html><head><title>Not a feed</title></head><body><p>Hello</p></body></html>' });
  r.set('/missing.xml', { status: 404, body: 'no' });
  r.set('/broken.xml', { status: 500, body: 'oops' });
  r.set('/huge.xml', { bytes: 10 * 1024 * 1024 });
  r.set('/loop.xml', { redirect: '/loop.xml' });
  r.set('/hang.xml', { hang: true });
  return {
    outlets,
    reader,
    feedUrl,
    fill,
    pages: {
      // An article of one followed outlet, as the reader opens it from the outlet's site: its notes compare the other outlets of its story.
      story3: `${outlets[0].origin}/${slug('story3/01.txt')}.html`,
      lookAlike: readerPage('near3/08.txt'),
      toKeep: readerPage('story4/13.txt'),
      elsewhere: `${outlets[1].origin}/elsewhere.html`,
      announcing: `${outlets[0].origin}/`,
    },
    close: async () => {
      await Promise.all([...outlets, reader].map((s) => s.close()));
    },
  };
}

export const BAD_FEEDS: Array<[string, RegExp]> = [
  ['/malformed.xml', /malformed|not an RSS/],
  ['/page.xml', /web page, not a feed/],
  ['/missing.xml', /404 \(not found\)/],
  ['/broken.xml', /500 \(server error\)/],
  ['/huge.xml', /too large/],
  ['/loop.xml', /redirects in a loop/],
  ['/hang.xml', /did not answer within 15 seconds/],
];

/** Which story file each stored article (by address) came from. */
export function fileOfUrl(world: FeedWorld): Map<string, string> {
  const out = new Map<string, string>();
  OUTLET_ITEMS.forEach((names, i) => names.forEach((name) => out.set(`${world.outlets[i].origin}/${slug(name)}.html`, name)));
  return out;
}

export const storyOfFile = (name: string) => sharedText(name).story;

export type Listed = { ok: boolean; articles: Array<{ id: string; url: string | null; outlet: string; date: string | null }>; stories: Array<{ id: string; articleIds: string[] }> };

/**
 * Each fetched article in a story of its own event as far as the engine can
 * tell events apart: story3 and story4 never share a stored story, nor do
 * articles dated more than three days apart (the engine's event window). The
 * engine is conservative (README: same-event pair recall 0.43), so one event
 * may be split over several stories; that is its decision, not the ingest's.
 */
export function expectStoriesApart(listed: Listed, world: FeedWorld): void {
  const files = fileOfUrl(world);
  const byId = new Map(listed.articles.map((a) => [a.id, a]));
  let fetched = 0;
  for (const story of listed.stories) {
    const members = story.articleIds.map((id) => byId.get(id)!).filter((a) => a.url && files.has(a.url));
    fetched += members.length;
    const labels = new Set(members.map((a) => storyOfFile(files.get(a.url!)!)));
    expect(labels.has('story3') && labels.has('story4'), [...labels].join(', ')).toBe(false);
    const days = members.flatMap((a) => (a.date ? [Date.parse(a.date)] : []));
    if (days.length > 1) expect(Math.max(...days) - Math.min(...days), [...labels].join(', ')).toBeLessThanOrEqual(3 * 24 * 3600 * 1000);
  }
  expect(fetched).toBe(30);
}
