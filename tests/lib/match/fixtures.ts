import type { Article } from '../../../lib/article/article';
import { makeArticle } from '../../../lib/article/make-article';

/** A corpus article from a hand-written text. */
export function article(id: string, raw: string, extra: { date?: string | null; outlet?: string; language?: string } = {}): Article {
  return makeArticle({
    id,
    file: `${id}.txt`,
    raw,
    outlet: extra.outlet ?? `Outlet ${id}`,
    language: extra.language ?? 'de',
    date: extra.date ?? null,
    source: 'user',
    addedAt: 0,
  });
}

/** A small German story told by three outlets, one look-alike with the same people, one other story. */
export const BRIDGE = {
  page: [
    'Die Bürgermeisterin von Lindenau, Petra Keller, hat am Montag die neue Hafenbrücke eröffnet.',
    'Der Bau der Brücke dauerte drei Jahre und kostete 42 Millionen Euro.',
    'Keller sprach bei der Feier von einem großen Tag für die ganze Stadt.',
    'Die Hafenbrücke verbindet die Altstadt mit dem neuen Hafenviertel am Fluss.',
    'Radfahrer und Fußgänger dürfen die Brücke ab sofort nutzen.',
    'Autos bleiben auf der Brücke dauerhaft ausgeschlossen.',
  ].join(' '),
  sameB: [
    'Lindenau hat eine neue Brücke: Bürgermeisterin Petra Keller eröffnete am Montag die Hafenbrücke.',
    'Die Bauarbeiten an der Brücke hatten drei Jahre gedauert, die Kosten lagen bei 42 Millionen Euro.',
    'Die Hafenbrücke verbindet die Altstadt mit dem Hafenviertel am Fluss.',
    'Die Hafenbrücke ist 240 Meter lang und besteht aus Stahl und Glas.',
    'Radfahrer und Fußgänger können die Brücke ab sofort nutzen.',
  ].join(' '),
  sameC: [
    'Die neue Hafenbrücke in Lindenau ist seit Montag offen.',
    'Bürgermeisterin Petra Keller eröffnete die Brücke zwischen Altstadt und Hafenviertel.',
    'Der Bau dauerte vier Jahre und kostete 42 Millionen Euro.',
    'Radfahrer und Fußgänger dürfen die Hafenbrücke ab sofort nutzen.',
    'Die Stadt plant im Hafenviertel außerdem einen neuen Spielplatz für Kinder.',
  ].join(' '),
  related: [
    'Bürgermeisterin Petra Keller hat im Stadtrat von Lindenau den Haushalt für das kommende Jahr vorgestellt.',
    'Keller will mehr Geld in Schulen und Kindergärten der Stadt stecken.',
    'Die Opposition im Stadtrat kritisierte die hohen Schulden der Stadt Lindenau.',
    'Über den Haushalt soll im Dezember abgestimmt werden.',
    'Keller sprach von einem soliden Haushalt für die Stadt.',
  ].join(' '),
  other: [
    'Der FC Musterdorf hat das Pokalfinale gegen den SV Beispielheim mit 3:1 gewonnen.',
    'Vor 20.000 Zuschauern traf der Stürmer zweimal in der ersten Halbzeit.',
    'Der Trainer lobte nach dem Spiel die starke Abwehr seiner Mannschaft.',
    'Die Fans feierten den Pokalsieg bis tief in die Nacht.',
  ].join(' '),
};
