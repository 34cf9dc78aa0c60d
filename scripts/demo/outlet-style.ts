/** How one outlet's demo site looks: its masthead name, brand colour and typeface. */
export interface OutletStyle {
  siteName: string;
  /** Short masthead text, e.g. "Outlet A". */
  logo: string;
  tagline: string;
  accent: string;
  /** Page background behind the content column. */
  paper: string;
  bodyFont: string;
  headingFont: string;
  /** Sections shown in the site's navigation bar. */
  sections: string[];
  /** The section the demo articles belong to (highlighted in the navigation, named in the breadcrumbs). */
  section: string;
}

const SERIF = 'Georgia, "Times New Roman", "DejaVu Serif", "Liberation Serif", serif';
const SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif';

const LOOKS: Array<Omit<OutletStyle, 'siteName' | 'logo'>> = [
  { tagline: 'Nachrichten', accent: '#b3001b', paper: '#f4f4f2', bodyFont: SERIF, headingFont: SANS, sections: ['Politik', 'Wirtschaft', 'Sport', 'Kultur', 'Panorama', 'Region'], section: 'Politik' },
  { tagline: 'Zeitung', accent: '#0b4f8a', paper: '#eef2f6', bodyFont: SANS, headingFont: SERIF, sections: ['Startseite', 'Deutschland', 'Welt', 'Finanzen', 'Wissen', 'Meinung'], section: 'Welt' },
  { tagline: 'Rundschau', accent: '#1d6b3a', paper: '#f3f5f0', bodyFont: SERIF, headingFont: SERIF, sections: ['Aktuell', 'Politik', 'Lokales', 'Sport', 'Leben', 'Video'], section: 'Politik' },
  { tagline: 'Kurier', accent: '#5b2a86', paper: '#f5f2f8', bodyFont: SANS, headingFont: SANS, sections: ['News', 'Politik', 'Ausland', 'Digital', 'Gesundheit', 'Reise'], section: 'Ausland' },
  { tagline: 'Tagblatt', accent: '#c25400', paper: '#faf6f0', bodyFont: SERIF, headingFont: SANS, sections: ['Home', 'Inland', 'Ausland', 'Wirtschaft', 'Kultur', 'Sport'], section: 'Ausland' },
];

/**
 * Each outlet gets its own look so the demo feels like five different sites. The manifest's
 * labels ("Outlet A" …) pick the look by their letter; other labels fall back to the article's position.
 */
export function outletStyle(outlet: string, position: number): OutletStyle {
  const letter = /\b([A-Z])$/.exec(outlet.trim())?.[1];
  const index = letter ? letter.charCodeAt(0) - 65 : position;
  const look = LOOKS[((index % LOOKS.length) + LOOKS.length) % LOOKS.length];
  return { ...look, logo: outlet, siteName: `${outlet} – ${look.tagline}` };
}
