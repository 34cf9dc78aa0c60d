import type { OutletProfile } from '../../lib/notes/outlet-profile';
import type { OptionsMessages } from '../../lib/i18n/options-messages';

export interface StoryChartProps {
  title: string;
  outlets: Array<{ label: string; profile: OutletProfile }>;
  t: OptionsMessages;
}

const ROW = 26;
const LABEL = 110;
const WIDTH = 520;
// Okabe–Ito colours, with patterns of text labels so no bar relies on colour alone.
const KINDS = [
  { key: 'shared', colour: '#0072B2' },
  { key: 'only', colour: '#E69F00' },
  { key: 'omits', colour: '#999999' },
] as const;

/** Per outlet of a story: the points it shares, the details only it adds, the points it omits. */
export function StoryChart({ title, outlets, t }: StoryChartProps) {
  const max = Math.max(1, ...outlets.map((o) => o.profile.shared + o.profile.only + o.profile.omits));
  const scale = (WIDTH - LABEL - 10) / max;
  const height = outlets.length * ROW + 24;
  return (
    <figure class="chart">
      <svg width={WIDTH} height={height} role="img" aria-label={t.chartLabel(title)}>
        {outlets.map((o, i) => {
          let x = LABEL;
          return (
            <g key={o.label} transform={`translate(0 ${i * ROW})`}>
              <text x={0} y={17} class="chart-label">
                {o.label}
              </text>
              {KINDS.map((kind) => {
                const value = o.profile[kind.key];
                const w = value * scale;
                const rect = (
                  <g key={kind.key}>
                    <rect x={x} y={4} width={w} height={18} fill={kind.colour}>
                      <title>{`${o.label}: ${value} ${t.kinds[kind.key]}`}</title>
                    </rect>
                    {w > 22 && (
                      <text x={x + 4} y={17} class="chart-value">
                        {value}
                      </text>
                    )}
                  </g>
                );
                x += w;
                return rect;
              })}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {KINDS.map((k) => (
          <span key={k.key} class="legend">
            <span class="swatch" style={{ background: k.colour }} aria-hidden="true" /> {t.kinds[k.key]}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
