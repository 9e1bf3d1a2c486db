import { Injectable } from '@nestjs/common';
import { GatewayConfigService } from '../config/gateway-config.service';
import { RouteTable } from './route-table';

/** The gateway's own route table, rebuilt atomically when the config reloads. */
@Injectable()
export class RouteTableService {
  private table: RouteTable;

  constructor(config: GatewayConfigService) {
    this.table = RouteTable.fromConfig(config.current);
    config.onReload((next) => {
      this.table = RouteTable.fromConfig(next);
    });
  }

  get current(): RouteTable {
    return this.table;
  }
}
