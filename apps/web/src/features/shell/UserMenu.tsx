import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { Spinner } from '../../components/ui/Spinner';
import { useLogout } from '../auth/mutations';
import { useMe } from '../auth/use-session';

/** The signed-in account (email and role) and the logout button. */
export function UserMenu() {
  const { me, query } = useMe();
  const logout = useLogout();
  return (
    <div className="flex items-center gap-3">
      {me ? (
        <div className="flex items-center gap-2 text-sm" aria-label="Signed in as">
          <span className="hidden text-neutral-700 sm:inline" data-testid="current-user-email">
            {me.email}
          </span>
          <Badge tone={me.role === 'admin' ? 'blue' : 'neutral'}>{me.role}</Badge>
        </div>
      ) : query.isError ? (
        <span className="text-sm text-red-600">Account unavailable</span>
      ) : (
        <Spinner />
      )}
      <Button variant="secondary" size="sm" onClick={logout}>
        Log out
      </Button>
    </div>
  );
}
