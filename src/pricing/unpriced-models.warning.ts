import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { GatewayConfigService } from '../config/gateway-config.service';
import { priceSource } from './call-price';

/**
 * At start-up (with keys on), names the models whose calls cannot be priced:
 * their spend is recorded as null and does not count toward budgets.
 */
@Injectable()
export class UnpricedModelsWarning implements OnApplicationBootstrap {
  private readonly logger = new Logger('Pricing');

  constructor(private readonly config: GatewayConfigService) {}

  onApplicationBootstrap(): void {
    const config = this.config.current;
    if (!config.masterKey) return;
    const unpriced = [...new Set(config.deployments.filter((d) => d.params.mock_response === undefined && priceSource(d) === 'none').map((d) => d.modelName))];
    if (unpriced.length > 0) {
      this.logger.warn(
        `no price known for ${unpriced.join(', ')}: their calls are recorded with cost null and do not count toward budgets; set input_cost_per_token / output_cost_per_token in litellm_params or model_info`,
      );
    }
  }
}
