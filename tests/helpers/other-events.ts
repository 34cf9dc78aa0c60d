import { makeArticle } from '../../lib/article/make-article';

/** A reader's own German article, as the store tests add them. */
export const userArticle = (id: string, raw: string, date: string | null, addedAt: number) =>
  makeArticle({ id, raw, source: 'user', outlet: `Outlet ${id}`, language: 'de', date, addedAt });

/**
 * Articles of events other than the seeds': two events of two reports each,
 * one also reported years apart (another story). A no-story page shares
 * words with some of them.
 */
export const OTHER_EVENTS = [
  userArticle('zoo', 'Die Zoodirektorin eröffnet das neue Giraffengehege im Tierpark. Die drei Giraffen ziehen im Mai ein, teilte die Stadt mit. Der Bau kostete vier Millionen Euro.', '2025-04-02', 1),
  userArticle('zoo-2', 'Im Tierpark ist das Giraffengehege eröffnet worden. Drei Giraffen ziehen im Mai ein, sagte die Zoodirektorin. Die Stadt bezahlte den Bau.', '2025-04-02', 2),
  userArticle('sturm', 'Ein Sturm hat in Norddeutschland zahlreiche Bäume entwurzelt. Die Feuerwehr rückte in Hamburg und Bremen zu hunderten Einsätzen aus. Verletzt wurde niemand.', '2025-01-20', 3),
  userArticle('sturm-alt', 'Ein Sturm hat in Norddeutschland Bäume entwurzelt. Die Feuerwehr in Hamburg rückte zu vielen Einsätzen aus, teilte die Stadt mit.', '2023-11-02', 4),
];
