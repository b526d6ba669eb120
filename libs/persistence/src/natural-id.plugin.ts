import type { Schema } from 'mongoose';

const FILTERED = ['find', 'findOne', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'countDocuments', 'findOneAndUpdate', 'findOneAndDelete'] as const;

/**
 * Stores a collection's natural key as `_id` too, and turns queries on that key alone into
 * `_id` queries: the embedded store (FerretDB) serves `{ _id: value }` from an index in every
 * backend and for every collection; real MongoDB is unaffected.
 */
export function naturalIdPlugin(schema: Schema, options: { field: string }): void {
  const { field } = options;
  schema.add({ _id: { type: String } });
  schema.pre('validate', function setId() {
    const key: unknown = this.get(field);
    if (typeof key === 'string') this._id = key;
  });
  for (const operation of FILTERED) {
    schema.pre(operation, function useId() {
      const filter = this.getFilter() as Record<string, unknown>;
      const keys = Object.keys(filter);
      if (keys.length === 1 && keys[0] === field && typeof filter[field] === 'string') this.setQuery({ _id: filter[field] });
    });
  }
}
