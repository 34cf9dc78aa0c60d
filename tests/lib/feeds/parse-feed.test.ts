import { describe, expect, it } from 'vitest';
import { FeedFormatError, MAX_ITEMS, dayOfFeedDate, parseFeedDocument } from '../../../lib/feeds/parse-feed';
import { reasonText } from '../../../lib/feeds/feed-reason';
import { sourcesMessages } from '../../../lib/i18n/sources-messages';
import { htmlToLine, htmlToText } from '../../../lib/feeds/html-text';

const FEED_URL = 'http://127.0.0.1:9001/feed.xml';
const long = (word: string) => Array.from({ length: 60 }, (_, i) => `${word} ${i}.`).join(' ');

const rss = (items: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Outlet &amp; Co</title><link>http://127.0.0.1:9001/</link>${items}</channel></rss>`;

describe('htmlToText', () => {
  it('drops markup and script, keeps paragraphs, decodes entities', () => {
    expect(htmlToText('<p>One &amp; <b>two</b></p><script>alert("x")</script><p>Three&nbsp;four</p>')).toBe('One & two\n\nThree four');
    expect(htmlToText('<div>a<br>b</div><style>p{}</style><!-- c -->')).toBe('a\nb');
  });
  it('drops an unclosed script and everything after it', () => {
    expect(htmlToText('<p>Kept</p><script>evil(')).toBe('Kept');
  });
  it('shows escaped markup as text: an entity-encoded tag in a text stays visible', () => {
    expect(htmlToLine('Fish &amp;lt;b&amp;gt; chips')).toBe('Fish &lt;b&gt; chips');
  });
});

describe('parseFeedDocument', () => {
  it('reads RSS 2.0 with content:encoded as full text and description as summary', () => {
    const feed = parseFeedDocument(
      rss(`<item><title>A &lt;b&gt;bold&lt;/b&gt; title</title><link>/a/1.html</link><guid isPermaLink="false">id-1</guid><pubDate>Wed, 12 Feb 2025 23:30:00 +0100</pubDate>
        <description>Teaser</description><content:encoded><![CDATA[<p>${long('Body')}</p><script>alert(1)</script>]]></content:encoded></item>
        <item><title>Second</title><link>http://127.0.0.1:9001/a/2.html</link><description><![CDATA[<p>Short <img src="x" onerror="alert(1)"> teaser</p>]]></description></item>`),
      FEED_URL,
    );
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Outlet & Co');
    expect(feed.siteUrl).toBe('http://127.0.0.1:9001/');
    expect(feed.items).toHaveLength(2);
    const [a, b] = feed.items;
    expect(a).toMatchObject({ key: 'id-1', url: 'http://127.0.0.1:9001/a/1.html', title: 'A bold title', date: '2025-02-12', full: true });
    expect(a.text).toContain('Body 59.');
    expect(a.text).not.toContain('alert');
    expect(b).toMatchObject({ key: 'http://127.0.0.1:9001/a/2.html', text: 'Short teaser', full: false, date: null });
  });

  it('reads Atom 1.0: alternate link, html and text constructs', () => {
    const feed = parseFeedDocument(
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title type="html">&lt;i&gt;Atom&lt;/i&gt; Outlet</title><id>urn:x</id><updated>2025-02-13T00:00:00Z</updated>
       <link rel="alternate" href="http://127.0.0.1:9002/"/><link rel="self" href="http://127.0.0.1:9002/atom.xml"/>
       <entry><id>urn:1</id><title type="text">Kept &lt;b&gt; as written</title><link rel="edit" href="/edit/1"/><link rel="alternate" href="/story/1"/>
       <published>2025-02-12T08:00:00+01:00</published><updated>2025-02-14T00:00:00Z</updated><content type="html">&lt;p&gt;${long('Atom')}&lt;/p&gt;</content></entry></feed>`,
      'http://127.0.0.1:9002/atom.xml',
    );
    expect(feed).toMatchObject({ format: 'atom', title: 'Atom Outlet', siteUrl: 'http://127.0.0.1:9002/' });
    expect(feed.items[0]).toMatchObject({ key: 'urn:1', url: 'http://127.0.0.1:9002/story/1', title: 'Kept <b> as written', date: '2025-02-12', full: true });
  });

  it('reads JSON Feed 1.1', () => {
    const feed = parseFeedDocument(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON Outlet',
        home_page_url: 'http://127.0.0.1:9003/',
        items: [
          { id: 'j1', url: 'http://127.0.0.1:9003/j1', title: '<script>alert(1)</script>', content_text: 'Para one.\n\nPara two.', date_published: '2025-02-12T10:00:00Z' },
          { id: 'j1', url: 'http://127.0.0.1:9003/dup', title: 'Duplicate id' },
        ],
      }),
      'http://127.0.0.1:9003/feed.json',
    );
    expect(feed.format).toBe('json');
    // A JSON Feed title is text by the spec: markup is kept as characters (the UI shows it as text), never run.
    expect(feed.items).toEqual([
      { key: 'j1', url: 'http://127.0.0.1:9003/j1', title: '<script>alert(1)</script>', date: '2025-02-12', text: 'Para one.\n\nPara two.', full: true },
    ]);
  });

  it('keeps items without links by id, skips items with nothing to recognise, ignores javascript: links', () => {
    const feed = parseFeedDocument(
      rss(`<item><guid>g1</guid><title>No link</title><description>Text</description></item><item></item>
           <item><title>Bad link</title><link>javascript:alert(1)</link><guid>g2</guid></item>`),
      FEED_URL,
    );
    expect(feed.items.map((i) => [i.key, i.url])).toEqual([
      ['g1', null],
      ['g2', null],
    ]);
  });

  it('caps the items read of one feed', () => {
    const items = Array.from({ length: MAX_ITEMS + 20 }, (_, i) => `<item><guid>g${i}</guid><title>T${i}</title></item>`).join('');
    expect(parseFeedDocument(rss(items), FEED_URL).items).toHaveLength(MAX_ITEMS);
  });

  it.each([
    ['an HTML page', '<!DOCTYPE html><html><head><title>x</title></head><body>Hi</body></html>', /web page, not a feed/, /Webseite, keinen Feed/],
    ['malformed XML', '<rss version="2.0"><channel><item><title>x</item>', /malformed|not an RSS/, /fehlerhaft|kein RSS/],
    ['plain text', 'garbage', /not an RSS, Atom or JSON feed/, /kein RSS-, Atom- oder JSON-Feed/],
    ['JSON of another kind', '{"hello": "world"}', /not an RSS, Atom or JSON feed/, /kein RSS-, Atom- oder JSON-Feed/],
    ['an empty body', '', /not an RSS, Atom or JSON feed/, /kein RSS-, Atom- oder JSON-Feed/],
  ])('refuses %s with a reason', (_name, body, english, german) => {
    expect(() => parseFeedDocument(body, FEED_URL)).toThrow(FeedFormatError);
    let reason: FeedFormatError['reason'] | null = null;
    try {
      parseFeedDocument(body, FEED_URL);
    } catch (error) {
      reason = (error as FeedFormatError).reason;
    }
    expect(reasonText(reason!, sourcesMessages('en').feedState)).toMatch(english);
    expect(reasonText(reason!, sourcesMessages('de').feedState)).toMatch(german);
  });
});

describe('dayOfFeedDate', () => {
  it('takes the day as written, in RFC 822 and RFC 3339', () => {
    expect(dayOfFeedDate('Wed, 12 Feb 2025 23:30:00 -0500')).toBe('2025-02-12');
    expect(dayOfFeedDate('2025-02-12T23:30:00-05:00')).toBe('2025-02-12');
    expect(dayOfFeedDate('yesterday')).toBeNull();
    expect(dayOfFeedDate('')).toBeNull();
  });
});
