/**
 * The background's one way to its store: the first caller opens it, later
 * callers share that opening. An opening that fails (a full disk, an upgrade
 * that could not finish, which leaves the database as it was) is not kept:
 * the next request tries again, so a passing fault does not leave the
 * extension without its corpus until the browser restarts (Firefox keeps its
 * background page that long). Every caller of the failed opening hears why.
 */
export function storeOpening<S>(open: () => Promise<S>): () => Promise<S> {
  let opening: Promise<S> | null = null;
  return () => {
    if (opening) return opening;
    const attempt = open();
    opening = attempt;
    attempt.catch(() => {
      if (opening === attempt) opening = null;
    });
    return attempt;
  };
}
