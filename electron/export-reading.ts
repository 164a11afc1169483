/**
 * A Spanwise export read a document at a time, so reading it holds one document, never the
 * file (a project's export outgrows what Spanwise reads whole): the bytes go through a
 * `JsonSplitter`, each document is parsed and checked on its own once complete, and the members
 * around the documents (format, version, project) are checked at the end. Every problem names the line, and for a document
 * its index and field, as reading the whole file would.
 */
import { MAX_JSON_DEPTH } from '../shared/importing';
import { JsonSplitter } from '../shared/formats/jsonsplitter';
import { parseJsonText } from '../shared/formats/jsontext';
import { FormatProblem } from '../shared/formats/model';
import { readExportDocument, readExportHeader, requireExportFormat, type SpanwiseExport, type SpanwiseExportDocument } from '../shared/formats/spanwise';
import { replacementCount, undecodedReason } from '../shared/formats/source';
import { describeSize, MAX_FILE_BYTES, readChunks, type SourceFile } from './file-reading';

/** One document of the export, with where it is in the file. */
export interface ExportEntry {
  value: SpanwiseExportDocument;
  /** 0-based, as `documents.<index>` in messages. */
  index: number;
  line: number;
}

function decode(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/**
 * The documents of the export in `file`, in order; returns the project (name and labels) once
 * the file is read to its end. Throws FormatProblem at the first problem, whatever was yielded.
 */
export async function* exportEntries(file: SourceFile): AsyncGenerator<ExportEntry, SpanwiseExport['project']> {
  const splitter = new JsonSplitter({
    arrayKey: 'documents',
    maxDepth: MAX_JSON_DEPTH,
    maxValueBytes: MAX_FILE_BYTES,
    decode,
    describeTooLarge: (piece) =>
      `${'index' in piece ? `documents.${piece.index}` : `"${piece.key}"`} is over ${describeSize(MAX_FILE_BYTES)}, more than any article holds`,
    describeTooDeep: () => `nests arrays or objects more than ${MAX_JSON_DEPTH.toLocaleString('en')} levels deep, which no article record does`,
  });
  const members: Record<string, unknown> = {};
  const lines: Record<string, number> = {};
  const seen = new Set<string>();
  let replacements = 0;
  let characters = 0;
  for await (const chunk of readChunks(file)) {
    for (const piece of splitter.push(chunk)) {
      const json = decode(piece.bytes);
      replacements += replacementCount(json);
      characters += json.length;
      if (piece.kind === 'member') {
        members[piece.key] = parseJsonText(json, piece.line);
        lines[piece.key] = piece.line;
        // A file that is no export is told so at once, not after reading it through.
        if (piece.key === 'format') requireExportFormat(members.format, piece.line);
        continue;
      }
      yield { value: readExportDocument(json, piece.index, piece.line, seen), index: piece.index, line: piece.line };
    }
  }
  splitter.end();
  const undecoded = undecodedReason(replacements, characters);
  if (undecoded) throw new FormatProblem(undecoded);
  const project = readExportHeader(members, lines);
  if (!splitter.arrayFound) throw new FormatProblem('documents: missing; an export lists its documents under "documents"', 1);
  return project;
}
