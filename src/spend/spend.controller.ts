import { Controller, Get, Query } from '@nestjs/common';
import { AdminOnly } from '../auth/auth.decorators';
import { SpendLogsQueryDto } from './dto/spend-logs-query.dto';
import { SpendReportQueryDto } from './dto/spend-report-query.dto';
import { SpendReportService } from './spend-report.service';

/** Spend rows and reports (SPEC 11). Master key only. */
@Controller('spend')
@AdminOnly()
export class SpendController {
  constructor(private readonly spend: SpendReportService) {}

  @Get('logs')
  logs(@Query() query: SpendLogsQueryDto) {
    return this.spend.logs(query);
  }

  @Get('report')
  report(@Query() query: SpendReportQueryDto) {
    return this.spend.report(query);
  }
}
