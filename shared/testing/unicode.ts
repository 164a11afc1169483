/**
 * Test-only generators of text that breaks naive offset code: astral characters, emoji ZWJ
 * sequences, flags, skin tones, keycaps, Arabic with harakat, combining marks (also orphaned
 * after a space), joiners, lone surrogates, CR/LF, and the punctuation that word rules hinge on.
 */
import fc from 'fast-check';

export const TRICKY_PIECES = [
  'a', 'Z', 's', '7', '0', ' ', ' ', '\t', '\n', '\r\n', '\r', '\u00A0',
  '-', "'", '’', '.', ',', ':', '/', '"', '“', '”', '(', ')', '#', '_',
  'é', 'e\u0301', '\u0301', 'o\u0308\u0323',
  '😀', '👩‍👩‍👧', '🇸🇾', '🇺🇸', '🙏🏽', '❤️‍🩹', '1️⃣', '\uFE0F',
  'إدلب', 'ل', '\u064E', '\u0640', '\u0600', '٣',
  '\u200D', '\u200C', '\u00AD', '中', '𝒳',
  '\uD83D', '\uDE00',
];

/** Strings of up to maxPieces pieces from TRICKY_PIECES, ASCII-heavy like real text. */
export function trickyText(maxPieces = 40): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { arbitrary: fc.constantFrom(...TRICKY_PIECES), weight: 3 },
    { arbitrary: fc.constantFrom('Idlib', 'pro-Assad', '5,834', 'al-Ghab', "Hay'at", 'U.S.', 'Syria’s'), weight: 1 },
  );
  return fc.string({ unit: piece, maxLength: maxPieces });
}
