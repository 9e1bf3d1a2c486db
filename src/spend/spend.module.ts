import { Global, Module } from '@nestjs/common';
import { BudgetLedger } from '../limits/budget-ledger';
import { CallAdmissionService } from '../limits/call-admission.service';
import { UnpricedModelsWarning } from '../pricing/unpriced-models.warning';
import { CALL_ADMISSION } from '../routing/routing.di-tokens';
import { SpendQueryRepository } from './spend-query.repository';
import { SpendReportService } from './spend-report.service';
import { SpendWriterService } from './spend-writer.service';
import { SpendController } from './spend.controller';
import { SpendMetrics } from './spend.metrics';
import { SpendRecorder } from './spend.recorder';
import { SpendRepository } from './spend.repository';

/**
 * Pricing, key/team limits and budgets, spend rows and reports (SPEC 11).
 * Global so routing receives `CALL_ADMISSION` without importing it.
 */
@Global()
@Module({
  controllers: [SpendController],
  providers: [
    // One per app, not per process: two gateway apps in one process (tests, the warm-up's shadow) are two replicas.
    { provide: BudgetLedger, useFactory: () => new BudgetLedger() },
    CallAdmissionService,
    { provide: CALL_ADMISSION, useExisting: CallAdmissionService },
    SpendRepository,
    SpendQueryRepository,
    SpendReportService,
    SpendWriterService,
    SpendRecorder,
    SpendMetrics,
    UnpricedModelsWarning,
  ],
  exports: [CALL_ADMISSION, SpendWriterService],
})
export class SpendModule {}
