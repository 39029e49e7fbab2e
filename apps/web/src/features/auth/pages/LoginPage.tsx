import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { ErrorBanner } from '../../../components/ui/ErrorBanner';
import { Input } from '../../../components/ui/Input';
import { useLogin } from '../mutations';
import { safeNextPath } from '../redirect';
import { useSignedIn } from '../use-session';

export function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  if (signedIn && !login.isPending) return <Navigate to={next} replace />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password }, { onSuccess: () => navigate(next, { replace: true }) });
  };

  return (
    <main className="flex min-h-screen items-center justify-center bg-neutral-100 px-4">
      <title>Sign in · AI Gateway</title>
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2">
          <img src="/favicon.svg" alt="" className="size-8" />
          <span className="text-lg font-semibold tracking-tight">AI Gateway</span>
        </div>
        <Card className="p-6">
          <h1 className="text-xl font-semibold text-neutral-900">Sign in</h1>
          <p className="mt-1 text-sm text-neutral-500">Use your administrator account.</p>
          <form className="mt-6 flex flex-col gap-4" onSubmit={submit} noValidate>
            {login.error ? <ErrorBanner error={login.error} /> : null}
            <Input label="Email" type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
            <Input
              label="Password"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <Button type="submit" loading={login.isPending} disabled={!email.trim() || !password}>
              Sign in
            </Button>
          </form>
        </Card>
      </div>
    </main>
  );
}
