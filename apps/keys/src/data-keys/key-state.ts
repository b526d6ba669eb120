import { DataKey, DataKeyState } from './data-key.schema';

/** Active while its epoch runs, retired after it ends, destroyed once the material is gone. */
export function keyState(key: Pick<DataKey, 'wrapped' | 'epoch_end'>, now = Date.now()): DataKeyState {
  if (key.wrapped === null) return 'destroyed';
  return key.epoch_end && key.epoch_end.getTime() <= now ? 'retired' : 'active';
}
