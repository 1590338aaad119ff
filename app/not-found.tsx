import { NotFoundMessage } from '@/components/page-not-found';

/** An address no route matches: Next renders this one on the server, with its 404. */
export default function NotFound() {
  return <NotFoundMessage />;
}
