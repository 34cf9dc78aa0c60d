import { checkGoldFile } from './lib/gold-file-checks';

checkGoldFile('story2');
