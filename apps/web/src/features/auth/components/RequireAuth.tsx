import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { loginPathFor } from '../redirect';
import { useSignedIn } from '../use-session';

/** Sends signed-out visitors to the login page, remembering where they were going. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const signedIn = useSignedIn();
  const location = useLocation();
  if (!signedIn) return <Navigate to={loginPathFor(location.pathname + location.search + location.hash)} replace />;
  return children;
}
