import { layoutArticle } from './article-layout';
import type { DemoSeeds } from './demo-seeds';
import { escapeHtml, germanDate, truncateText } from './html';
import { outletStyle } from './outlet-style';
import { faviconHref, photoPlaceholder, teaser } from './page-parts';

const FRONT_ACCENT = '#222222';

/** The demo's front page: the story's five articles as teasers, plus any saved test pages. */
export function renderFrontPage(seeds: DemoSeeds, testPages: string[]): string {
  const e = escapeHtml;
  const cards = seeds.articles
    .map((article, position) => {
      const style = outletStyle(article.outlet, position);
      const lead = layoutArticle(article.text, article.title).blocks.find((block) => block.kind === 'paragraph');
      const summary = lead && lead.kind === 'paragraph' ? truncateText(lead.text, 220) : '';
      return `<li class="card" style="--accent:${e(style.accent)}">
  <a class="card-photo" href="/article/${position}" tabindex="-1" aria-hidden="true">${photoPlaceholder(style.accent, null)}</a>
  <div class="card-text">
    <p class="card-outlet">${e(style.siteName)}</p>
    <h2><a href="/article/${position}">${e(article.title)}</a></h2>
    <p class="card-meta"><time datetime="${e(article.date ?? '')}">${e(germanDate(article.date))}</time></p>
    <p class="card-summary">${e(summary)}</p>
  </div>
</li>`;
    })
    .join('\n');
  const pages = testPages.length
    ? `<section class="test-pages" aria-labelledby="test-pages-heading">
  <h2 id="test-pages-heading">Weitere Testseiten (andere Themen)</h2>
  <ul>${testPages.map((name) => `<li><a href="/pages/${encodeURIComponent(name)}">${e(name)}</a></li>`).join('')}</ul>
</section>`
    : '';
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Presseschau – crossread Demo</title>
<meta name="description" content="Fünf Redaktionen, ein Ereignis: Demo-Nachrichtenseite für crossread.">
<meta property="og:title" content="Presseschau – crossread Demo">
<link rel="icon" href="${e(faviconHref('P', FRONT_ACCENT))}">
<style>
*{box-sizing:border-box}
body{margin:0;background:#f2f2f0;color:#1b1b1b;font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,"Liberation Sans",sans-serif}
a{color:inherit}
.wrap{max-width:1100px;margin:0 auto;padding:0 24px}
header{background:#fff;border-bottom:4px solid ${FRONT_ACCENT}}
header .wrap{display:flex;align-items:baseline;justify-content:space-between;padding-top:22px;padding-bottom:16px}
.logo{font:700 36px/1 Georgia,"Times New Roman",serif;text-decoration:none}
nav a{margin-left:18px;font-weight:600;text-decoration:none;font-size:15px}
.story{margin:28px 0 8px;font-size:14px;text-transform:uppercase;letter-spacing:1px;color:#666}
h1{font:700 30px/1.2 Georgia,"Times New Roman",serif;margin:0 0 20px}
.cards{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:24px}
.card{background:#fff;border-top:5px solid var(--accent);display:flex;flex-direction:column}
.card-photo svg{display:block;width:100%;height:auto;aspect-ratio:16/9}
.card-text{padding:14px 18px 18px}
.card-outlet{margin:0;color:var(--accent);font-weight:700;font-size:13px;text-transform:uppercase;letter-spacing:1px}
.card h2{font:700 21px/1.25 Georgia,"Times New Roman",serif;margin:6px 0}
.card h2 a{text-decoration:none}
.card h2 a:hover{text-decoration:underline}
.card-meta{margin:0 0 6px;color:#666;font-size:13px}
.card-summary{margin:0;font-size:15px}
aside{margin:32px 0;padding:16px 20px;background:#fff;border-left:4px solid ${FRONT_ACCENT};font-size:15px}
.test-pages{margin:32px 0}
.test-pages h2{font-size:18px}
.test-pages ul{columns:3}
.more{margin:32px 0;font-size:15px}
.more li{margin:6px 0}
footer{background:#1d1d1d;color:#bbb;font-size:13px;padding:24px 0}
</style>
</head>
<body>
<header><div class="wrap"><a class="logo" href="/">Presseschau</a><nav aria-label="Hauptnavigation"><a href="/">Aktuell</a><a href="/">Politik</a><a href="/">Ausland</a></nav></div></header>
<main class="wrap">
  <p class="story">Ein Ereignis, ${seeds.articles.length} Redaktionen</p>
  <h1>Das Thema des Tages in der Presse</h1>
  <ul class="cards">
${cards}
  </ul>
  <aside><strong>crossread-Demo:</strong> Öffnen Sie einen Artikel. Mit geladener Erweiterung erscheinen am Rand Notizen dazu, was die anderen Redaktionen bestätigen, ergänzen oder weglassen.</aside>
  ${pages}
  <section class="more" aria-label="Weitere Meldungen"><h2>Weitere Meldungen</h2><ul>${[0, 1, 2, 3].map((i) => `<li><a href="/">${e(teaser(i * 2))}</a></li>`).join('')}</ul></section>
</main>
<footer><div class="wrap">Demo-Seite von crossread · Texte aus dem Beispielkorpus · alles lokal, ohne Netzwerk</div></footer>
</body>
</html>
`;
}

