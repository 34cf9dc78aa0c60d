import { checkGoldFile } from './lib/gold-file-checks';

checkGoldFile('story3', { spansOnce: true });
