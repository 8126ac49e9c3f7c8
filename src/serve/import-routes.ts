import { Transform } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import { IMPORT_ERRORS_SHOWN, ImportResult } from '../core/api.js';
import { InputTooLargeError, InvalidInputError } from '../core/errors.js';
import { formatBytes } from '../ingest/collect-files.js';
import { checkDatasetVersion } from '../interop/dataset-header.js';
import { importDataset } from '../interop/import-dataset.js';
import type { ServerDeps, ZodApp } from './server-types.js';
import { uploadLabel } from './upload-label.js';

// Room for the multipart boundaries and headers around the file itself.
const MULTIPART_OVERHEAD = 64 * 1024;

export function registerImportRoutes(app: ZodApp, deps: ServerDeps): void {
  const limit = deps.config.importLimit;
  const tooLarge = () => new InputTooLargeError('body.file', `larger than the ${formatBytes(limit)} import limit`);

  /** Stream the upload into the importer; rows are stored 500 to a transaction as they arrive. */
  async function importUpload(part: MultipartFile, version: string | undefined) {
    const errors: { line: number | null; message: string }[] = [];
    // Past the limit the upload ends early, cut off mid-row. Fail instead of ending, so the parser
    // never reads that last partial row as a row ("12" of "1200" deaths); the event may come before
    // this listener does, so the end checks too.
    const input = new Transform({
      transform: (chunk, _encoding, done) => done(null, chunk),
      flush: (done) => done(part.file.truncated ? tooLarge() : null),
    });
    part.file.once('limit', () => input.destroy(tooLarge()));
    part.file.on('error', (error) => input.destroy(error));
    part.file.pipe(input);
    try {
      const summary = await importDataset(deps.store, input, {
        // Only for messages and the GED release the name may carry (ged191.csv): nothing stores it.
        file: uploadLabel(part.filename, 'upload.csv'),
        datasetVersion: version,
        resolvers: deps.resolvers,
        now: deps.now(),
        onProblem: ({ line, message }) => {
          if (errors.length < IMPORT_ERRORS_SHOWN) errors.push({ line, message });
        },
      });
      return { ...summary, errors };
    } finally {
      // A refused header stops reading: the rest of the upload is not wanted.
      part.file.destroy();
    }
  }

  app.post(
    '/api/import',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['import'],
        summary: 'Import a UCDP GED or ACLED CSV (multipart/form-data: optional field "dataset_version", then "file")',
        description:
          'As `tally import`: the format is told from the header, a malformed row is reported by line and the rest go in, and rows already stored (same dataset and id) are updated in place. ' +
          'Send dataset_version (e.g. 19.1) before the file: the file is read as it arrives. A header that is neither format refuses the whole file (400).',
        consumes: ['multipart/form-data'],
        response: { 200: ImportResult },
      },
    },
    async (request) => {
      if (!request.isMultipart()) {
        throw new InvalidInputError('body', 'expected multipart/form-data with a "file" field');
      }
      if (Number(request.headers['content-length']) > limit + MULTIPART_OVERHEAD) throw tooLarge();
      let version: string | undefined;
      for await (const part of request.parts({ limits: { fileSize: limit } })) {
        if (part.type === 'field') {
          if (part.fieldname !== 'dataset_version') {
            throw new InvalidInputError(`body.${part.fieldname}`, 'unknown field: expected dataset_version, then file');
          }
          const value = String(part.value).trim();
          version = value === '' ? undefined : checkDatasetVersion(value, 'body.dataset_version');
          continue;
        }
        if (part.fieldname !== 'file')
          throw new InvalidInputError('body.file', 'expected the file in the "file" field');
        // Anything after the file is not read: the import is already done.
        return importUpload(part, version);
      }
      throw new InvalidInputError('body.file', 'expected a file in the "file" field');
    },
  );
}
