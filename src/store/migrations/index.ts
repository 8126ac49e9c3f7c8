import type { Migration, MigrationProvider } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import { documentsMigration } from './0001-documents.js';
import { incidentsMigration } from './0002-incidents.js';
import { accountsReviewMigration } from './0003-accounts-review.js';
import { gazetteerMigration } from './0004-gazetteer.js';
import { interopMigration } from './0005-interop.js';
import { jobsMigration } from './0006-jobs.js';
import { incidentTotalsMigration } from './0007-incident-totals.js';
import { effectiveIncidentsMigration } from './0008-effective-incidents.js';
import { incidentSpansMigration } from './0009-incident-spans.js';
import { statementTotalsMigration } from './0010-statement-totals.js';
import { sourceGradesMigration } from './0011-source-grades.js';
import { incidentMergesMigration } from './0012-incident-merges.js';
import { bulkTotalsMigration } from './0013-bulk-totals.js';
import { totalsCoveringMigration } from './0013-totals-covering.js';
import { pageCoveringMigration } from './0014-page-covering.js';
import { incidentMatchMigration } from './0015-incident-match.js';
import { datasetClaimsMigration } from './0016-dataset-claims.js';
import { claimsCountedMigration } from './0017-claims-counted.js';
import { sqliteDateIndexMigration } from './0018-sqlite-date-index.js';
import { sqlitePlainStatisticsMigration } from './0019-sqlite-plain-statistics.js';
import { tallyMatchIndexesMigration } from './0020-tally-match-indexes.js';
import { sqliteIncidentChangesMigration } from './0021-sqlite-incident-changes.js';
import { claimSumsMigration } from './0022-claim-sums.js';
import { givenPublishedMigration } from './0023-given-published.js';

/** One list of migrations for both dialects; names sort in the order they apply. */
export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '0001-documents': documentsMigration(dialect),
        '0002-incidents': incidentsMigration(dialect),
        '0003-accounts-review': accountsReviewMigration(dialect),
        '0004-gazetteer': gazetteerMigration(),
        '0005-interop': interopMigration(),
        '0006-jobs': jobsMigration(dialect),
        '0007-incident-totals': incidentTotalsMigration(dialect),
        '0008-effective-incidents': effectiveIncidentsMigration(dialect),
        '0009-incident-spans': incidentSpansMigration(dialect),
        '0010-statement-totals': statementTotalsMigration(dialect),
        '0011-source-grades': sourceGradesMigration(dialect),
        '0012-incident-merges': incidentMergesMigration(dialect),
        '0013-bulk-totals': bulkTotalsMigration(dialect),
        '0013-totals-covering': totalsCoveringMigration(),
        '0014-page-covering': pageCoveringMigration(),
        '0015-incident-match': incidentMatchMigration(),
        '0016-dataset-claims': datasetClaimsMigration(dialect),
        '0017-claims-counted': claimsCountedMigration(),
        '0018-sqlite-date-index': sqliteDateIndexMigration(dialect),
        '0019-sqlite-plain-statistics': sqlitePlainStatisticsMigration(dialect),
        '0020-tally-match-indexes': tallyMatchIndexesMigration(),
        '0021-sqlite-incident-changes': sqliteIncidentChangesMigration(dialect),
        '0022-claim-sums': claimSumsMigration(),
        '0023-given-published': givenPublishedMigration(),
      };
    },
  };
}
