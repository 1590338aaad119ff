import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { FieldValues, Resolver } from 'react-hook-form';

/**
 * A react-hook-form resolver whose schema is imported on first use (and prefetched once the page is
 * interactive), so zod, the phone rules and the resolver itself are not part of the JavaScript a form page needs to
 * render and hydrate. The schema is the same module the Server Action validates with.
 */
export function lazyResolver<Input extends FieldValues, Output>(
  load: () => Promise<StandardSchemaV1<Input, Output>>,
): { resolver: Resolver<Input, unknown, Output>; prefetch: () => void } {
  let pending: Promise<Resolver<Input, unknown, Output>> | undefined;
  const resolverOf = () => {
    pending ??= Promise.all([load(), import('@hookform/resolvers/standard-schema')]).then(
      ([schema, { standardSchemaResolver }]) => standardSchemaResolver(schema) as unknown as Resolver<Input, unknown, Output>,
    );
    return pending;
  };
  return {
    resolver: async (values, context, options) => (await resolverOf())(values, context, options),
    prefetch: () => void resolverOf(),
  };
}
