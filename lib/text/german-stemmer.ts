/**
 * The German stemmer: the Snowball German algorithm as @orama/stemmers'
 * German stemmer (Copyright 2023 OramaSearch Inc., Apache License 2.0)
 * runs it, written out with character codes instead of Snowball's general
 * runtime (a cursor object, its suffix tables searched by bisection, the
 * word rebuilt on each change). A started worker stems every spelling of
 * its first pages with cold code, and this was a German page's largest
 * cost: 304 spellings of a 4,700-character page ~3.5 ms of CPU. Every
 * spelling the tests try stems the same (tests/lib/text/german-stemmer.test.ts).
 */

/** Snowball's German vowels: a e i o u y ä ö ü. */
function isVowel(c: number): boolean {
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121 || c === 228 || c === 246 || c === 252;
}

/** Letters before which a final "s" is an ending: b d f g h k l m n r t. */
function isSEnding(c: number): boolean {
  return c === 98 || c === 100 || c === 102 || c === 103 || c === 104 || c === 107 || c === 108 || c === 109 || c === 110 || c === 114 || c === 116;
}

/** Letters before which a final "st" is an ending: the s-endings but r. */
function isStEnding(c: number): boolean {
  return c !== 114 && isSEnding(c);
}

/** The Snowball German stem of a lowercase word, as @orama/stemmers/german gives it. */
export function stemGerman(word: string): string {
  // Prelude: ß as ss; u and y between vowels are consonants, written U and Y until the end.
  let w = word.indexOf('ß') >= 0 ? word.replaceAll('ß', 'ss') : word;
  for (let k = 1; k + 1 < w.length; k++) {
    const c = w.charCodeAt(k);
    if ((c === 117 || c === 121) && isVowel(w.charCodeAt(k - 1)) && isVowel(w.charCodeAt(k + 1))) w = w.slice(0, k) + (c === 117 ? 'U' : 'Y') + w.slice(k + 1);
  }
  // R1 starts after the first non-vowel that follows a vowel, at 3 at least; R2 likewise after R1's start.
  let n = w.length;
  let p1 = n;
  let p2 = n;
  if (n >= 3) {
    let k = 0;
    while (k < n && !isVowel(w.charCodeAt(k))) k++;
    k++;
    while (k < n && isVowel(w.charCodeAt(k))) k++;
    if (k < n) {
      p1 = Math.max(k + 1, 3);
      // R2 is sought from after that non-vowel, not from R1's start raised to 3.
      k++;
      while (k < n && !isVowel(w.charCodeAt(k))) k++;
      k++;
      while (k < n && isVowel(w.charCodeAt(k))) k++;
      if (k < n) p2 = k + 1;
    }
  }
  const endsWith = (s: string) => w.endsWith(s);
  const cut = (k: number) => {
    w = w.slice(0, n - k);
    n -= k;
  };

  // Step 1: -em -ern -er; -e -en -es (then -niss to -nis); -s after an s-ending. In R1.
  {
    const last = n > 0 ? w.charCodeAt(n - 1) : 0;
    // The longest of the endings the word has (Snowball's among): kind 1 deletes, 2 deletes and then looks at -niss, 3 is -s.
    let len = 0;
    let kind = 0;
    if (last === 101) { len = 1; kind = 2; }
    else if (last === 109 && endsWith('em')) { len = 2; kind = 1; }
    else if (last === 110 && endsWith('ern')) { len = 3; kind = 1; }
    else if (last === 110 && endsWith('en')) { len = 2; kind = 2; }
    else if (last === 114 && endsWith('er')) { len = 2; kind = 1; }
    else if (last === 115 && endsWith('es')) { len = 2; kind = 2; }
    else if (last === 115) { len = 1; kind = 3; }
    if (kind !== 0 && n - len >= p1) {
      if (kind === 1) cut(len);
      else if (kind === 2) {
        cut(len);
        if (endsWith('niss')) cut(1);
      } else if (n >= 2 && isSEnding(w.charCodeAt(n - 2))) cut(1);
    }
  }

  // Step 2: -en -er -est; -st after an st-ending with three letters before that. In R1.
  {
    if (endsWith('est')) {
      if (n - 3 >= p1) cut(3);
    } else if (endsWith('st')) {
      if (n - 2 >= p1 && n >= 6 && isStEnding(w.charCodeAt(n - 3))) cut(2);
    } else if (endsWith('en') || endsWith('er')) {
      if (n - 2 >= p1) cut(2);
    }
  }

  // Step 3: derivational endings, in R2.
  {
    let len = 0;
    let kind = 0;
    // At most one of them ends a word: kind 1 is -end -ung, 2 -ig -ik -isch (not after e), 3 -lich -heit, 4 -keit.
    if (endsWith('end') || endsWith('ung')) { len = 3; kind = 1; }
    else if (endsWith('ig') || endsWith('ik')) { len = 2; kind = 2; }
    else if (endsWith('isch')) { len = 4; kind = 2; }
    else if (endsWith('lich') || endsWith('heit')) { len = 4; kind = 3; }
    else if (endsWith('keit')) { len = 4; kind = 4; }
    if (kind !== 0 && n - len >= p2) {
      if (kind === 2) {
        if (!(n - len >= 1 && w.charCodeAt(n - len - 1) === 101)) cut(len);
      } else {
        cut(len);
        if (kind === 1) {
          if (endsWith('ig') && !(n >= 3 && w.charCodeAt(n - 3) === 101) && n - 2 >= p2) cut(2);
        } else if (kind === 3) {
          if ((endsWith('er') || endsWith('en')) && n - 2 >= p1) cut(2);
        } else if (endsWith('ig')) {
          if (n - 2 >= p2) cut(2);
        } else if (endsWith('lich')) {
          if (n - 4 >= p2) cut(4);
        }
      }
    }
  }

  // Postlude: U and Y back to u and y, umlauts to their vowels.
  for (let k = 0; k < n; k++) {
    const c = w.charCodeAt(k);
    if (c === 85 || c === 89 || c === 228 || c === 246 || c === 252) return w.replace(/[UYäöü]/g, (x) => POSTLUDE[x]);
  }
  return w;
}

const POSTLUDE: Readonly<Record<string, string>> = { U: 'u', Y: 'y', ä: 'a', ö: 'o', ü: 'u' };
