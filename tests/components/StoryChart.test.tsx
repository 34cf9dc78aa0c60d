import { describe, expect, it } from 'vitest';
import { StoryChart, axisTicks } from '../../components/options/StoryChart';
import { optionsMessages } from '../../lib/i18n/options-messages';
import { useDom } from './dom';

const { mount } = useDom();

describe('StoryChart', () => {
  it('puts round numbers on its axis, ending at or just past the longest bar', () => {
    expect(axisTicks(103)).toEqual([0, 25, 50, 75, 100, 125]);
    expect(axisTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(axisTicks(1)).toEqual([0, 1]);
    expect(axisTicks(40)).toEqual([0, 10, 20, 30, 40]);
  });

  it('names its unit on the axis, in the legend and in each bar’s tooltip', () => {
    const t = optionsMessages('en');
    const root = mount(
      <StoryChart
        t={t}
        title="Gipfel"
        outlets={[
          { label: 'A', profile: { shared: 10, only: 3, omits: 7 } },
          { label: 'B', profile: { shared: 8, only: 1, omits: 12 } },
        ]}
      />,
    );
    expect(root.querySelector('.chart-axis')!.textContent).toBe('points (sentences) per outlet');
    expect([...root.querySelectorAll('.chart-tick')].map((x) => x.textContent)).toEqual(['0', '5', '10', '15', '20', '25']);
    expect(root.querySelector('svg')!.getAttribute('aria-label')).toBe('How the outlets of “Gipfel” compare (points (sentences) per outlet)');
    expect(root.querySelector('rect title')!.textContent).toBe('A: 10 points shared with other outlets');
    expect(root.querySelector('figcaption')!.textContent).toContain('of the others’ points it leaves out');
  });
});
