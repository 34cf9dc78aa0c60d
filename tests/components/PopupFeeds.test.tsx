import { describe, expect, it } from 'vitest';
import { FollowSite } from '../../components/popup/FollowSite';
import { KeepWhatIRead } from '../../components/popup/KeepWhatIRead';
import { uiMessages } from '../../lib/i18n/ui-messages';
import { useDom } from './dom';

const { mount } = useDom();
const links = [
  { url: 'https://a.example/rss', title: 'Politik', format: 'rss' as const },
  { url: 'https://a.example/atom', title: 'Sport', format: 'atom' as const },
];
const none = () => {};

describe('the popup’s feed parts', () => {
  it('offer "Follow ‹site›" in the reader’s language, naming the feed only where the page announces several', () => {
    const en = mount(<FollowSite site="a.example" links={links.slice(0, 1)} followed={new Set()} message={null} busy={false} onFollow={none} t={uiMessages('en')} />);
    expect([...en.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Follow a.example']);
    const de = mount(<FollowSite site="a.example" links={links} followed={new Set()} message={null} busy={false} onFollow={none} t={uiMessages('de')} />);
    expect([...de.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['a.example folgen (Politik)', 'a.example folgen (Sport)']);
    expect(de.querySelector('section')!.getAttribute('aria-label')).toBe('Dieser Website folgen');
    const followed = mount(<FollowSite site="a.example" links={links} followed={new Set(links.map((l) => l.url))} message={null} busy={false} onFollow={none} t={uiMessages('de')} />);
    expect(followed.textContent).toBe('Sie folgen dem Feed von a.example.');
  });

  it('label the "Keep what I read" switch per site, in the reader’s language', () => {
    const de = mount(<KeepWhatIRead host="a.example:8080" on={false} onChange={none} t={uiMessages('de')} />);
    expect(de.textContent).toContain('Behalten, was ich auf a.example:8080 lese');
    expect(de.textContent).toContain('Es wird keine Anfrage gestellt.');
    const en = mount(<KeepWhatIRead host="a.example" on={true} onChange={none} t={uiMessages('en')} />);
    expect(en.querySelector<HTMLInputElement>('input[role="switch"]')!.checked).toBe(true);
  });
});
