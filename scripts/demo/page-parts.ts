import { escapeHtml } from './html';

/**
 * Unrelated headlines for sidebars and inline teaser boxes: real news pages surround an
 * article with links to other stories, and crossread has to ignore them.
 */
export const UNRELATED_TEASERS: string[] = [
  'Wetter: Sonniges Wochenende im Süden, Regen an der Küste',
  'Bundesliga: Spätes Tor entscheidet das Abendspiel',
  'Rezept der Woche: Linsensuppe mit Ingwer und Zitrone',
  'Bahn kündigt Baustellen auf der Nord-Süd-Strecke an',
  'Museumsnacht lockt Tausende in die Innenstadt',
  'Studie: Mehr Menschen fahren mit dem Rad zur Arbeit',
  'Neue Buslinie verbindet Vororte mit dem Hauptbahnhof',
  'Tierpark freut sich über Nachwuchs bei den Erdmännchen',
  'Ratgeber: So sparen Mieter beim Heizen',
  'Handball-Nationalteam startet mit Sieg ins Turnier',
];

/** A teaser headline chosen by position, so each page shows a different but stable selection. */
export function teaser(offset: number): string {
  return UNRELATED_TEASERS[((offset % UNRELATED_TEASERS.length) + UNRELATED_TEASERS.length) % UNRELATED_TEASERS.length];
}

/**
 * A stand-in for a press photo, drawn inline so the page loads nothing from elsewhere.
 * `label` becomes the accessible name, as an <img alt> would.
 */
export function photoPlaceholder(accent: string, label: string | null): string {
  const name = label ? ` role="img" aria-label="${escapeHtml(label)}"` : ' aria-hidden="true"';
  return `<svg class="photo" viewBox="0 0 640 360" preserveAspectRatio="xMidYMid slice"${name} xmlns="http://www.w3.org/2000/svg">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#c9d6e3"/><stop offset="1" stop-color="#eef1f4"/></linearGradient></defs>
<rect width="640" height="360" fill="url(#sky)"/>
<circle cx="500" cy="90" r="42" fill="#f4d98b"/>
<path d="M0 300 L140 170 L230 250 L330 140 L470 280 L560 210 L640 260 L640 360 L0 360 Z" fill="${escapeHtml(accent)}" fill-opacity="0.55"/>
<path d="M0 330 L120 260 L260 320 L400 240 L640 330 L640 360 L0 360 Z" fill="${escapeHtml(accent)}" fill-opacity="0.85"/>
<g fill="#ffffff" fill-opacity="0.85" transform="translate(296 150)"><rect x="0" y="10" width="48" height="34" rx="6"/><rect x="14" y="4" width="20" height="10" rx="3"/><circle cx="24" cy="27" r="10" fill="${escapeHtml(accent)}"/></g>
</svg>`;
}

/** A favicon as a data: URI (the letter in the outlet's colour), so browsers do not ask the server for /favicon.ico. */
export function faviconHref(letter: string, accent: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="${escapeHtml(accent)}"/><text x="16" y="23" font-size="20" font-family="Arial,sans-serif" font-weight="bold" text-anchor="middle" fill="#fff">${escapeHtml(letter)}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
