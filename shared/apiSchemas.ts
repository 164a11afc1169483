/**
 * The argument schema of every call in the contract (`SpanwiseApi`, api.ts): what the service
 * checks each call from IPC or HTTP against before anything reaches the store.
 */
import { z } from 'zod';
import type { ApiArgs, ApiErrorBody, ApiMethod } from './api';
import { labelSchemaProblems } from './labelSchema';

const MAX_NAME = 200;
const MAX_PATH = 4096;
const MAX_OFFSET = 2 ** 31 - 1;

/** Ids become file names: keep them to a safe alphabet, never `.` or `..`. */
export const idSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-"');

export const labelNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}_-]+$/u, 'must be letters, digits, "_" or "-"');

const offsetSchema = z.int().min(0).max(MAX_OFFSET);
const attributeKeySchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'bad attribute name');
const attributesSchema = z.record(
  attributeKeySchema,
  z.union([z.string().max(10_000), z.number().finite(), z.null()]),
);
const timestampSchema = z.string().max(64);
const fragmentsSchema = z.array(z.tuple([offsetSchema, offsetSchema])).max(64);

const newSpanSchema = z.strictObject({
  id: idSchema,
  start: offsetSchema,
  end: offsetSchema,
  label: labelNameSchema,
  attributes: attributesSchema.optional(),
  note: z.string().max(10_000).optional(),
  fragments: fragmentsSchema.optional(),
  annotator: z.string().min(1).max(MAX_NAME).optional(),
  createdAt: timestampSchema.optional(),
  updatedAt: timestampSchema.optional(),
  provenance: z
    .strictObject({ annotators: z.array(z.string().max(MAX_NAME)).max(1_000), adjudicator: z.string().max(MAX_NAME), at: timestampSchema })
    .optional(),
  source: z.string().max(MAX_NAME).optional(),
  score: z.number().finite().optional(),
});

const spanChangesSchema = z.strictObject({
  label: labelNameSchema.optional(),
  start: offsetSchema.optional(),
  end: offsetSchema.optional(),
  attributes: attributesSchema.optional(),
  note: z.string().max(10_000).optional(),
});

export const spanEditSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('add'), span: newSpanSchema }),
  z.strictObject({ op: z.literal('update'), id: idSchema, set: spanChangesSchema }),
  z.strictObject({ op: z.literal('remove'), id: idSchema }),
]);

const statusSchema = z.enum(['new', 'in-progress', 'done']);
const layerArg = idSchema.optional();
const pathSchema = z.string().min(1).max(MAX_PATH);

const textInputSchema = z.strictObject({
  name: z.string().min(1).max(MAX_PATH),
  // 50 MB of text is the most one article may hold.
  text: z.string().max(50_000_000),
  title: z.string().max(2_000).optional(),
  id: idSchema.optional(),
  meta: z.record(attributeKeySchema, z.string().max(10_000)).optional(),
});

/** A path inside the project: relative, `/`-separated, with no `.` or `..` steps. */
export const projectFileSchema = z
  .string()
  .min(1)
  .max(MAX_PATH)
  .refine(
    (file) => !/[\\:\u0000]/.test(file) && file.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
    'must be a path inside the project such as "layers/<layer>/<document>.json", without ".." or a leading "/"',
  );

const backupNumberSchema = z.int().min(1).max(1_000);

const suggestionRangeSchema = z.strictObject({ start: offsetSchema, end: offsetSchema, label: labelNameSchema });

const searchQuerySchema = z.strictObject({
  text: z.string().max(1_000).optional(),
  label: labelNameSchema.optional(),
  layer: idSchema.optional(),
  allLayers: z.boolean().optional(),
  caseSensitive: z.boolean().optional(),
  limit: z.int().min(1).max(1_000),
  from: z.int().min(0).max(MAX_OFFSET).optional(),
});

const reviewItemIdSchema = z.string().min(1).max(300);

const reviewDecisionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('accept'), annotators: z.array(z.string().min(1).max(MAX_NAME)).min(1).max(1_000) }),
  z.strictObject({ kind: z.literal('reject') }),
  z.strictObject({ kind: z.literal('reopen') }),
]);

const walkStartSchema = z.strictObject({
  docId: idSchema,
  cursor: z.strictObject({ id: reviewItemIdSchema, start: offsetSchema, end: offsetSchema }).nullable(),
});

const attributeDefSchema = z.strictObject({
  name: attributeKeySchema,
  type: z.enum(['enum', 'integer', 'date', 'text']),
  values: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
  description: z.string().max(2_000).optional(),
});

const labelDefSchema = z.strictObject({
  name: labelNameSchema,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #1d4ed8'),
  hotkeys: z.array(z.string().refine((key) => [...key].length === 1, 'must be one character')).max(10),
  definition: z.string().max(20_000),
  attributes: z.array(attributeDefSchema).max(50).optional(),
});

/** A whole label schema: each label well formed, and together without clashes (shared/labelSchema). */
export const labelSchemaSchema = z
  .array(labelDefSchema)
  .max(500)
  .superRefine((labels, ctx) => {
    for (const message of labelSchemaProblems(labels)) ctx.addIssue({ code: 'custom', message });
  });

const renamesSchema = z.record(labelNameSchema, labelNameSchema);

const importFormatSchema = z.enum(['spanwise', 'jsonl', 'spacy', 'brat', 'conll', 'hf', 'labelstudio', 'text', 'html', 'docx']);

/** Foreign label names come from files: any short text, never a key that reaches a prototype. */
const foreignLabelSchema = z.string().min(1).max(MAX_NAME).refine((key) => key !== '__proto__', 'is not a label name');

const importOptionsSchema = z
  .strictObject({
    format: importFormatSchema.optional(),
    annotator: z.string().trim().min(1).max(MAX_NAME).optional(),
    layer: idSchema.optional(),
    mapping: z
      .record(foreignLabelSchema, labelNameSchema.nullable())
      .refine((mapping) => Object.keys(mapping).length <= 10_000, 'maps more than 10,000 labels')
      .optional(),
    newLabels: z.array(foreignLabelSchema).max(500).optional(),
  })
  .optional();

const importPathsSchema = z.array(pathSchema).min(1).max(1_000);

const uploadedFilesSchema = z
  .array(
    z.strictObject({
      name: z.string().min(1).max(MAX_PATH),
      // 200 MB of bytes is the most one file may hold; base64 writes them in a third more.
      content: z.string().max(280_000_000),
      encoding: z.enum(['text', 'base64']).optional(),
    }),
  )
  .min(1)
  .max(10_000);

const exportPreviewFields = {
  format: z.enum(['spanwise', 'jsonl', 'spacy', 'brat', 'conll', 'hf', 'labelstudio']),
  layer: idSchema,
  doneOnly: z.boolean().optional(),
  split: z
    .strictObject({
      ratios: z.array(z.number().finite().min(0).max(1_000_000)).min(1).max(3),
      seed: z.int().min(0).max(2 ** 32 - 1),
      stratify: z.boolean(),
    })
    .optional(),
};

type ArgsSchemas = { [M in ApiMethod]: z.ZodType<ApiArgs<M>> };

/** The argument tuple of every method; a call whose arguments fail it never reaches the store. */
export const apiSchemas = {
  getSession: z.tuple([]),
  setAnnotator: z.tuple([z.string().trim().min(1).max(MAX_NAME)]),
  openProject: z.tuple([pathSchema]),
  createProject: z.tuple([pathSchema, z.string().trim().min(1).max(MAX_NAME)]),
  listDocuments: z.tuple([]),
  getDocument: z.tuple([idSchema, layerArg]),
  editSpans: z.tuple([idSchema, z.array(spanEditSchema).min(1).max(10_000), layerArg]),
  undo: z.tuple([idSchema, layerArg]),
  redo: z.tuple([idSchema, layerArg]),
  setDocumentStatus: z.tuple([idSchema, statusSchema, layerArg]),
  importTexts: z.tuple([z.array(textInputSchema).min(1).max(100_000)]),
  getSuggestions: z.tuple([idSchema]),
  rejectSuggestion: z.tuple([idSchema, suggestionRangeSchema]),
  suggestOccurrences: z.tuple([idSchema, idSchema, z.enum(['document', 'corpus'])]),
  searchCorpus: z.tuple([searchQuerySchema]),
  listBackups: z.tuple([projectFileSchema]),
  restoreBackup: z.tuple([projectFileSchema, backupNumberSchema]),
  listManifestBackups: z.tuple([pathSchema]),
  restoreManifestBackup: z.tuple([pathSchema, backupNumberSchema]),
  mergeLayers: z.tuple([pathSchema, z.strictObject({ dryRun: z.boolean().optional(), addMissing: z.boolean().optional() }).optional()]),
  getAgreement: z.tuple([]),
  getReview: z.tuple([idSchema]),
  decideReviewItem: z.tuple([idSchema, reviewItemIdSchema, reviewDecisionSchema]),
  acceptAgreed: z.tuple([idSchema.optional()]),
  findReviewItem: z.tuple([z.union([z.literal(1), z.literal(-1)]), walkStartSchema.optional()]),
  getStatistics: z.tuple([]),
  // A day at most: the editor sends what it counted every half minute or so.
  addTimeSpent: z.tuple([idSchema, z.int().min(1).max(86_400_000)]),
  previewLabelChange: z.tuple([labelSchemaSchema, renamesSchema]),
  updateLabels: z.tuple([labelSchemaSchema, renamesSchema]),
  previewImport: z.tuple([importPathsSchema, importOptionsSchema]),
  importFiles: z.tuple([importPathsSchema, importOptionsSchema]),
  previewContents: z.tuple([uploadedFilesSchema, importOptionsSchema]),
  importContents: z.tuple([uploadedFilesSchema, importOptionsSchema]),
  previewExport: z.tuple([z.strictObject(exportPreviewFields)]),
  exportData: z.tuple([z.strictObject({ ...exportPreviewFields, outDir: pathSchema, overwrite: z.boolean().optional() })]),
} satisfies ArgsSchemas;

export const apiMethods = Object.keys(apiSchemas) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(apiSchemas, name);
}

/**
 * Check a call from outside (IPC or HTTP) against the contract. Returns the parsed arguments,
 * or a message naming the method and the offending argument.
 */
export function parseCall(
  method: unknown,
  args: unknown,
): { ok: true; method: ApiMethod; args: unknown[] } | { ok: false; error: ApiErrorBody } {
  if (!isApiMethod(method)) {
    return { ok: false, error: { code: 'bad-request', message: `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}` } };
  }
  const schema: z.ZodType<unknown[]> = apiSchemas[method];
  // Optional trailing arguments may be dropped by JSON (undefined → null in arrays); accept both.
  const list = Array.isArray(args) ? args.map((a) => (a === null ? undefined : a)) : args;
  const parsed = schema.safeParse(list);
  if (parsed.success) return { ok: true, method, args: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue ? issue.path.join('.') : '';
  return {
    ok: false,
    error: {
      code: 'bad-request',
      message: `${method}: argument ${where || '(all)'} ${issue?.message ?? 'is invalid'}`,
    },
  };
}

