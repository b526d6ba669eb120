import { Provider } from '@nestjs/common';
import { DispatchOwnership } from './dispatch-ownership';
import { DispatchSignals } from './dispatch-signals';

/** One ownership per process; a join wakes both dispatchers, as the new shards may have work waiting. */
export const dispatchOwnershipProvider: Provider = {
  provide: DispatchOwnership,
  inject: [DispatchSignals],
  useFactory: (signals: DispatchSignals) =>
    new DispatchOwnership(() => {
      signals.notify('device');
      signals.notify('webhook');
    }),
};
