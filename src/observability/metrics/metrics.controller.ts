import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../../auth/auth.decorators';
import { MetricsService } from './metrics.service';

/** `GET /metrics` for Prometheus; open like the health probes (SPEC 4). */
@Controller()
@Public()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Written with `res.end` so Express keeps the registry's exact content type. */
  @Get('metrics')
  async scrape(@Res() res: Response): Promise<void> {
    const body = await this.metrics.render();
    res.status(200).setHeader('content-type', this.metrics.contentType);
    res.end(body);
  }
}
