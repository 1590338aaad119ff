import { NoAccessMessage } from '@/components/no-access';

/** A staff action or data function refused for the role (pages render <NoAccess /> themselves: lib/auth/session.ts). */
export default function Forbidden() {
  return <NoAccessMessage />;
}
