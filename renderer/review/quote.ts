/** Quoting a span's text in a list: on one line, cut short with an ellipsis. */
export function shortQuote(text: string, max = 60): string {
  const characters = [...text.replace(/\s+/g, ' ')];
  return characters.length > max ? `${characters.slice(0, max - 1).join('')}…` : characters.join('');
}
