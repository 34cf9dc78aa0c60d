import { layoutArticle, type BodyBlock, type CommentAreaItem } from './article-layout';
import type { DemoArticle } from './demo-seeds';
import { escapeHtml, germanDate, inlineJson, truncateText } from './html';
import { outletStyle, type OutletStyle } from './outlet-style';
import { faviconHref, photoPlaceholder, teaser } from './page-parts';

const WORDS_PER_MINUTE = 200;
/** Comment-area lines that head the reply form rather than a button or a note. */
const COMMENT_FORM_HEADING = /^(?:(?:leave|post|write) a (?:reply|comment)|kommentar (?:schreiben|verfassen)|jetzt kommentieren|ihre meinung)$/i;

/** The seed article at `position` rendered as a complete page of its outlet's news site. */
export function renderArticlePage(article: DemoArticle, position: number): string {
  const style = outletStyle(article.outlet, position);
  const layout = layoutArticle(article.text, article.title);
  const lead = layout.blocks.find((block) => block.kind === 'paragraph');
  const description = lead && lead.kind === 'paragraph' ? truncateText(lead.text, 160) : article.title;
  const words = layout.blocks.reduce((sum, block) => sum + blockText(block).split(/\s+/).filter(Boolean).length, 0);
  const minutes = Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
  const hasFigure = layout.blocks.some((block) => block.kind === 'figure');
  const date = article.date ?? '';
  const e = escapeHtml;
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    datePublished: article.date ?? undefined,
    inLanguage: article.language,
    publisher: { '@type': 'Organization', name: style.siteName },
  };

  return `<!doctype html>
<html lang="${e(article.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(article.title)} | ${e(style.siteName)}</title>
<meta name="description" content="${e(description)}">
<meta property="og:type" content="article">
<meta property="og:title" content="${e(article.title)}">
<meta property="og:description" content="${e(description)}">
<meta property="og:site_name" content="${e(style.siteName)}">
<meta name="date" content="${e(date)}">
<meta property="article:published_time" content="${e(date)}">
<meta property="article:section" content="${e(style.section)}">
<link rel="icon" href="${e(faviconHref(style.logo.slice(-1), style.accent))}">
<script type="application/ld+json">${inlineJson(jsonLd)}</script>
<style>${siteCss(style)}</style>
</head>
<body>
<a class="skip-link" href="#content">Zum Inhalt springen</a>
<div class="topbar"><div class="wrap"><span>${e(germanDate(article.date))}</span><span class="topbar-links"><a href="/">E-Paper</a><a href="/">Abo</a><a href="/">Anmelden</a></span></div></div>
<header class="site-header">
  <div class="wrap masthead">
    <a class="logo" href="/" aria-label="${e(style.siteName)} – Startseite">${e(style.logo)}<span class="logo-tagline">${e(style.tagline)}</span></a>
    <form class="site-search" role="search" action="/"><label><span class="visually-hidden">Suche</span><input type="search" placeholder="Suchen …"></label></form>
  </div>
  <nav class="main-nav" aria-label="Hauptnavigation"><div class="wrap"><ul>${style.sections
    .map((section) => `<li><a href="/"${section === style.section ? ' aria-current="page"' : ''}>${e(section)}</a></li>`)
    .join('')}</ul></div></nav>
</header>
<div class="wrap page">
  <nav class="breadcrumbs" aria-label="Brotkrumen"><a href="/">Startseite</a> › <span>${e(style.section)}</span></nav>
  <div class="columns">
    <main id="content">
      <article>
        <header class="article-header">
          <p class="kicker">${e(style.section)}</p>
          <h1>${e(article.title)}</h1>
          <p class="byline"><span class="author">Von unserer Redaktion</span> · <time datetime="${e(date)}">${e(germanDate(article.date))}</time> · <span>Lesezeit ${minutes} Min.</span></p>
          <div class="share-bar" aria-label="Artikel teilen"><button type="button">Teilen</button><button type="button">Merken</button><button type="button">Drucken</button></div>
        </header>
${hasFigure ? '' : `        <figure class="hero">${photoPlaceholder(style.accent, null)}</figure>\n`}        <div class="article-body">
${renderBlocks(layout.blocks, style, position)}
        </div>
      </article>
${renderComments(layout.comments)}
    </main>
    <aside class="sidebar" aria-label="Weitere Artikel">
      <section class="teaser-box">
        <h2>Meistgelesen</h2>
        <ol>${[0, 1, 2, 3, 4].map((i) => `<li><a href="/">${e(teaser(position * 3 + i))}</a></li>`).join('')}</ol>
      </section>
      <section class="teaser-box newsletter">
        <h2>Newsletter</h2>
        <p>Der Morgen-Überblick: jeden Werktag um 6 Uhr in Ihrem Postfach.</p>
        <form action="/"><label><span class="visually-hidden">E-Mail-Adresse</span><input type="email" placeholder="E-Mail-Adresse"></label><button type="submit">Anmelden</button></form>
      </section>
    </aside>
  </div>
</div>
<footer class="site-footer">
  <div class="wrap">
    <p class="footer-logo">${e(style.siteName)}</p>
    <ul><li><a href="/">Impressum</a></li><li><a href="/">Datenschutz</a></li><li><a href="/">Kontakt</a></li><li><a href="/">Mediadaten</a></li></ul>
    <p class="footer-note">Demo-Seite von crossread. Artikeltext aus dem Beispielkorpus, Gestaltung erfunden.</p>
  </div>
</footer>
</body>
</html>
`;
}

function blockText(block: BodyBlock): string {
  if (block.kind === 'figure') return block.caption;
  if (block.kind === 'box') return block.items.map((item) => item.text).join(' ');
  return block.text;
}


function renderBlocks(blocks: BodyBlock[], style: OutletStyle, position: number): string {
  const e = escapeHtml;
  let firstParagraph = true;
  let teasers = 0;
  return blocks
    .map((block) => {
      switch (block.kind) {
        case 'paragraph': {
          const cls = firstParagraph ? ' class="lead"' : '';
          firstParagraph = false;
          return `          <p${cls}>${e(block.text)}</p>`;
        }
        case 'heading':
          return `          <h2>${e(block.text)}</h2>`;
        case 'teaser-label':
          teasers++;
          return `          <aside class="inline-teaser"><p class="inline-teaser-label">${e(block.text)}</p><a href="/">${e(teaser(position * 3 + 5 + teasers))}</a></aside>`;
        case 'box':
          return `          <div class="embed-box">${block.items
            .map((item) => (item.kind === 'title' ? `<p class="embed-box-title">${e(item.text)}</p>` : `<p>${e(item.text)}</p>`))
            .join('')}</div>`;
        case 'figure':
          return `          <figure>${photoPlaceholder(style.accent, block.label)}<figcaption>${e(block.caption)}</figcaption></figure>`;
      }
    })
    .join('\n');
}

function renderComments(items: CommentAreaItem[]): string {
  if (items.length === 0) return '';
  const e = escapeHtml;
  const count = items.filter((item) => item.kind === 'comment').length;
  const parts: string[] = [];
  let list: string[] | null = null;
  let number = 0;
  const flushList = () => {
    if (list) parts.push(`<ol class="comment-list">\n${list.join('\n')}\n</ol>`);
    list = null;
  };
  for (const item of items) {
    if (item.kind === 'comment') {
      number++;
      list ??= [];
      const body = item.paragraphs.map((lines) => `<p>${lines.map(e).join('<br>')}</p>`).join('');
      list.push(`<li class="comment"><p class="comment-meta"><span class="comment-author">Leser:in #${number}</span></p><div class="comment-body">${body}</div><p class="comment-actions"><button type="button">Antworten</button><button type="button">Melden</button></p></li>`);
    } else {
      flushList();
      if (COMMENT_FORM_HEADING.test(item.text)) {
        // The comment form's heading: show the form under it, as comment areas do.
        parts.push(`<h3>${e(item.text)}</h3>
<form class="comment-form" action="/"><label>Kommentar<textarea rows="4"></textarea></label><label>Name<input type="text"></label><label>E-Mail<input type="email"></label><button type="submit" disabled>Absenden</button></form>`);
      } else if (number === 0) {
        parts.push(`<button type="button" class="comments-toggle">${e(item.text)}</button>`);
      } else {
        parts.push(`<p class="comment-ui">${e(item.text)}</p>`);
      }
    }
  }
  flushList();
  return `      <section class="comments" aria-labelledby="comments-heading">
<h2 id="comments-heading">Kommentare (${count})</h2>
${parts.join('\n')}
      </section>`;
}

function siteCss(s: OutletStyle): string {
  return `
:root{--accent:${s.accent};--paper:${s.paper};--ink:#1b1b1b;--muted:#5f6368;--rule:#dcdcdc}
*{box-sizing:border-box}
html{background:var(--paper)}
body{margin:0;color:var(--ink);font-family:${s.bodyFont};font-size:18px;line-height:1.6;background:var(--paper)}
a{color:inherit}
.wrap{max-width:1180px;margin:0 auto;padding:0 24px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip-link{position:absolute;left:-999px}.skip-link:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:10}
.topbar{background:#111;color:#ddd;font:13px/1 ${s.headingFont}}
.topbar .wrap{display:flex;justify-content:space-between;padding-top:8px;padding-bottom:8px}
.topbar-links a{color:#ddd;text-decoration:none;margin-left:18px}
.site-header{background:#fff;border-bottom:1px solid var(--rule)}
.masthead{display:flex;align-items:center;justify-content:space-between;padding-top:18px;padding-bottom:14px}
.logo{font:700 38px/1 ${s.headingFont};color:var(--accent);text-decoration:none;letter-spacing:-.5px}
.logo-tagline{display:inline-block;margin-left:10px;font-size:.55em;font-weight:400;color:var(--ink);text-transform:uppercase;letter-spacing:3px}
.site-search input{font:15px ${s.headingFont};padding:8px 12px;border:1px solid var(--rule);border-radius:18px;width:220px}
.main-nav{background:var(--accent)}
.main-nav ul{list-style:none;margin:0;padding:0;display:flex;gap:4px;flex-wrap:wrap}
.main-nav a{display:block;color:#fff;text-decoration:none;font:600 15px/1 ${s.headingFont};padding:12px 14px}
.main-nav a[aria-current]{background:rgba(0,0,0,.22)}
.page{padding-top:16px;padding-bottom:48px}
.breadcrumbs{font:13px ${s.headingFont};color:var(--muted);margin-bottom:16px}
.breadcrumbs a{text-decoration:none}
.columns{display:grid;grid-template-columns:minmax(0,1fr) 300px;gap:40px;align-items:start}
main{background:#fff;padding:32px 48px 40px;border:1px solid var(--rule)}
article{max-width:720px}
.kicker{margin:0 0 6px;font:700 14px/1.2 ${s.headingFont};color:var(--accent);text-transform:uppercase;letter-spacing:1px}
h1{font:700 38px/1.15 ${s.headingFont};margin:0 0 14px}
h2{font:700 24px/1.25 ${s.headingFont};margin:32px 0 8px}
.byline{font:14px ${s.headingFont};color:var(--muted);margin:0 0 10px}
.author{color:var(--ink);font-weight:600}
.share-bar{display:flex;gap:8px;margin:0 0 22px}
.share-bar button,.comment-actions button,.comments-toggle{font:13px ${s.headingFont};background:#fff;border:1px solid var(--rule);border-radius:16px;padding:5px 14px;cursor:pointer}
figure{margin:26px 0}
figure .photo{display:block;width:100%;height:auto;aspect-ratio:16/9;background:#ddd}
figcaption{font:14px/1.45 ${s.headingFont};color:var(--muted);padding:8px 0;border-bottom:1px solid var(--rule)}
.article-body p{margin:0 0 18px}
.article-body p.lead{font-weight:700;font-size:1.08em}
.embed-box{border:1px solid var(--rule);background:var(--paper);padding:16px 20px;margin:24px 0;font:15px/1.5 ${s.headingFont};color:#333}
.article-body .embed-box p{margin:0 0 8px}
.article-body .embed-box .embed-box-title{font-weight:700;text-transform:uppercase;letter-spacing:.5px;font-size:13px;color:var(--muted);margin-top:6px}
.inline-teaser{border-left:4px solid var(--accent);background:var(--paper);padding:10px 16px;margin:24px 0;font-family:${s.headingFont}}
.article-body .inline-teaser-label{margin:0 0 4px;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:1px;color:var(--accent)}
.inline-teaser a{font-weight:700;text-decoration:none}
.comments{margin-top:40px;padding-top:8px;border-top:3px solid var(--accent);font-family:${s.headingFont};font-size:16px}
.comments h2{margin-top:16px}
.comment-list{list-style:none;margin:16px 0;padding:0}
.comment{border-bottom:1px solid var(--rule);padding:14px 0}
.comment-meta{margin:0 0 6px;font-size:13px;color:var(--muted)}
.comment-author{font-weight:700;color:var(--ink)}
.comment-body p{margin:0 0 10px}
.comment-actions{margin:0;display:flex;gap:8px}
.comment-form{display:grid;gap:10px;max-width:520px}
.comment-form label{display:grid;gap:4px;font-size:14px}
.comment-form textarea,.comment-form input{font:inherit;padding:8px;border:1px solid var(--rule)}
.comment-form button{justify-self:start;padding:8px 18px;background:var(--accent);color:#fff;border:0}
.comment-ui{color:var(--muted);font-size:14px;margin:6px 0}
.sidebar{font-family:${s.headingFont}}
.teaser-box{background:#fff;border:1px solid var(--rule);border-top:4px solid var(--accent);padding:16px 20px;margin-bottom:24px}
.teaser-box h2{font-size:18px;margin:0 0 10px;text-transform:uppercase;letter-spacing:1px}
.teaser-box ol{margin:0;padding-left:22px}
.teaser-box li{margin:0 0 12px;font-size:15px;line-height:1.35}
.teaser-box a{text-decoration:none;font-weight:600}
.teaser-box a:hover{color:var(--accent)}
.newsletter p{font-size:14px;margin:0 0 10px}
.newsletter input{width:100%;padding:8px;border:1px solid var(--rule);margin-bottom:8px;font:inherit}
.newsletter button{width:100%;padding:9px;background:var(--accent);color:#fff;border:0;font-weight:700}
.site-footer{background:#1d1d1d;color:#cfcfcf;font:14px ${s.headingFont};padding:28px 0 36px}
.site-footer ul{list-style:none;display:flex;gap:20px;padding:0;margin:10px 0}
.site-footer a{color:#cfcfcf}
.footer-logo{font-size:20px;font-weight:700;color:#fff;margin:0}
.footer-note{color:#9a9a9a;font-size:12px}
@media (max-width:900px){.columns{grid-template-columns:1fr}main{padding:20px}h1{font-size:30px}.site-search{display:none}}
`;
}
