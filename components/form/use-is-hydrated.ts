'use client';

import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * Is the page running its JavaScript? False on the server and while hydrating (so the first render matches the
 * server's HTML, which works without JavaScript), true from the render after.
 */
export function useIsHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
