import { wakeBackground } from '../platform/wake-background';

/** At the start of every page load: the background starts opening the corpus while the page loads (see wakeBackground). */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  main() {
    void wakeBackground(location.hostname);
  },
});
