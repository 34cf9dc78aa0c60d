import type { OutletProfile } from '../../lib/notes/outlet-profile';
import type { OptionsMessages } from '../../lib/i18n/options-messages';

export interface StoryChartProps {
  title: string;
  outlets: Array<{ label: string; profile: OutletProfile }>;
  t: OptionsMessages;
}

const ROW = 26;
const LABEL = 110;
const WIDTH = 560;
const RIGHT = 20;
/** Room below the bars for the axis, its numbers and its label. */
const AXIS = 40;
// Okabe–Ito colours, with patterns of text labels so no bar relies on colour alone.
const KINDS = [
  { key: 'shared', colour: '#0072B2' },
  { key: 'only', colour: '#E69F00' },
  { key: 'omits', colour: '#999999' },
] as const;

/** Round steps for the axis: about five ticks, at 1, 2, 2.5 or 5 times a power of ten (whole numbers), the last at or past `max`. */
export function axisTicks(max: number): number[] {
  const rough = Math.max(1, max / 5);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough && Number.isInteger(s)) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = 0; v <= max; v += step) ticks.push(v);
  if (ticks[ticks.length - 1] < max) ticks.push(ticks[ticks.length - 1] + step);
  return ticks;
}

/** Per outlet of a story: the points it shares, the points only it reports, the others' points it omits, on an axis of points. */
export function StoryChart({ title, outlets, t }: StoryChartProps) {
  const total = Math.max(1, ...outlets.map((o) => o.profile.shared + o.profile.only + o.profile.omits));
  const ticks = axisTicks(total);
  const max = ticks[ticks.length - 1];
  const scale = (WIDTH - LABEL - RIGHT) / max;
  const bars = outlets.length * ROW;
  const height = bars + AXIS;
  return (
    <figure class="chart">
      <svg width={WIDTH} height={height} viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${t.chartLabel(title)} (${t.chartAxis})`}>
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
                      <title>{t.chartBar(o.label, value, t.kinds[kind.key])}</title>
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
        <g class="axis" transform={`translate(0 ${bars + 4})`} aria-hidden="true">
          <line x1={LABEL} x2={LABEL + max * scale} y1={0} y2={0} />
          {ticks.map((v) => (
            <g key={v} transform={`translate(${LABEL + v * scale} 0)`}>
              <line y1={0} y2={4} />
              <text y={16} text-anchor="middle" class="chart-tick">
                {v}
              </text>
            </g>
          ))}
          <text x={LABEL + (max * scale) / 2} y={32} text-anchor="middle" class="chart-axis">
            {t.chartAxis}
          </text>
        </g>
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
