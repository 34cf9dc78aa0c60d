/** Saves `text` as a file the browser downloads (the corpus export, the feeds' OPML). */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The click starts the download asynchronously: the address must outlive it.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
