import { Injectable } from '@nestjs/common';

/** Whether the gateway is draining: readiness fails from the first SIGTERM on. */
@Injectable()
export class LifecycleState {
  private draining = false;

  get isDraining(): boolean {
    return this.draining;
  }

  startDraining(): void {
    this.draining = true;
  }
}
