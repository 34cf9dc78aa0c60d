import { describe, expect, it } from 'vitest';
import { readOpml, writeOpml } from '../../../lib/feeds/opml';
import { feedLinksOf } from '../../../lib/feeds/feed-links';

describe('OPML', () => {
  it('round-trips the followed feeds, titles with markup characters included', () => {
    const feeds = [
      { url: 'http://127.0.0.1:9001/feed.xml?a=1&b=2', title: 'Outlet <A> & "Co"' },
      { url: 'https://example.org/atom.xml', title: '' },
    ];
    const { feeds: back, skipped } = readOpml(writeOpml(feeds));
    expect(skipped).toBe(0);
    expect(back).toEqual([feeds[0], { url: 'https://example.org/atom.xml', title: 'https://example.org/atom.xml' }]);
  });

  it('flattens folders, keeps each address once and skips what is no http(s) feed', () => {
    const text = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
      <outline text="News"><outline text="A" xmlUrl="https://a.example/feed"/><outline text="A again" xmlUrl="https://a.example/feed"/></outline>
      <outline text="B" type="rss" xmlUrl="file:///etc/passwd"/><outline text="C" xmlUrl="http://c.example/rss"/><outline text="Folder only"/></body></opml>`;
    expect(readOpml(text)).toEqual({
      feeds: [
        { url: 'https://a.example/feed', title: 'A' },
        { url: 'http://c.example/rss', title: 'C' },
      ],
      skipped: 2,
    });
  });

  it('refuses a file that is no OPML', () => {
    expect(() => readOpml('<html><body>no</body></html>')).toThrow(/not an OPML/);
    expect(() => readOpml('not xml at all')).toThrow(/not an OPML/);
  });
});

describe('feedLinksOf', () => {
  it('finds announced RSS, Atom and JSON feeds, resolved, once each', () => {
    const links = [
      { rel: 'stylesheet', type: 'text/css', href: '/s.css', title: '' },
      { rel: 'alternate', type: 'application/rss+xml', href: '/feed.xml', title: 'All news' },
      { rel: 'alternate', type: 'application/atom+xml', href: 'http://127.0.0.1:9001/feed.xml', title: 'dup' },
      { rel: 'alternate', type: 'application/feed+json', href: 'feed.json', title: 'JSON' },
      { rel: 'alternate', type: 'application/json', href: '/wp-json/x', title: 'oEmbed' },
      { rel: 'alternate', type: 'application/rss+xml', href: 'javascript:alert(1)', title: 'evil' },
    ];
    expect(feedLinksOf(links, 'http://127.0.0.1:9001/news/a.html')).toEqual([
      { url: 'http://127.0.0.1:9001/feed.xml', title: 'All news', format: 'rss' },
      { url: 'http://127.0.0.1:9001/news/feed.json', title: 'JSON', format: 'json' },
    ]);
  });
});
