import { notFound, redirect } from 'next/navigation';
import { asDatabaseUnavailable } from '@/lib/errors';
import { isFailure } from '@/lib/failure';

/**
 * The page surface of lib/failure.ts: `await load(…).catch(pageFailure)`. What the caller may not see, or
 * what is not there, is the 404 page; signed out goes to sign-in; an outage reaches the error page as one.
 */
export function pageFailure(error: unknown): never {
  if (isFailure(error, 'notFound', 'forbidden')) {
    if (error.reason === 'signedOut') redirect('/login');
    notFound();
  }
  throw asDatabaseUnavailable(error);
}
