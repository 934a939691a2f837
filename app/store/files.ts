/** Offer text as a file download (the browser's save dialog or downloads folder). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once the click is handled; the URL only has to outlive this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
