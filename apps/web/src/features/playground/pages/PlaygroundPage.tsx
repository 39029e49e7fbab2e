import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { Checkbox } from '../../../components/ui/Checkbox';
import { ErrorBanner } from '../../../components/ui/ErrorBanner';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { Textarea } from '../../../components/ui/Textarea';
import type { FieldErrors } from '../../../lib/form-errors';
import { routeListOptions } from '../../routes/queries';
import { exactModelNames } from '../../routes/route-form';
import { PageHeader } from '../../shell/PageHeader';
import { AnswerPanel } from '../components/AnswerPanel';
import { initialPlaygroundValues, toChatRequest, type PlaygroundValues } from '../chat';
import { useChatRun } from '../use-chat-run';

const link = 'font-medium text-neutral-900 underline';

export function PlaygroundPage() {
  const routes = useQuery(routeListOptions());
  const models = routes.data ? exactModelNames(routes.data) : [];
  // The pasted key stays in this component's memory: never in storage, gone when the page closes.
  const [values, setValues] = useState<PlaygroundValues>(initialPlaygroundValues);
  const [errors, setErrors] = useState<FieldErrors>({});
  const chat = useChatRun();
  const running = chat.state.status === 'running';

  const set = <K extends keyof PlaygroundValues>(field: K, value: PlaygroundValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors({});
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (running) return;
    const result = toChatRequest(values);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    void chat.send(result.body, values.apiKey);
  };

  return (
    <>
      <PageHeader title="Playground" description="Try a chat through the gateway exactly as an application would: with a model a route serves and an API key." />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,26rem)_minmax(0,1fr)]">
        <Card className="p-5">
          <form className="flex flex-col gap-4" onSubmit={submit} noValidate aria-label="Chat request">
            {routes.isError ? <ErrorBanner title="Could not load the models" error={routes.error} onRetry={() => void routes.refetch()} /> : null}
            <Select
              label="Model"
              value={values.model}
              onChange={(e) => set('model', e.target.value)}
              disabled={routes.isPending}
              error={errors.model}
              hint={routes.isPending ? 'Loading the routes…' : models.length === 0 ? undefined : 'The exact model names your enabled routes match.'}
            >
              <option value="">{routes.isPending ? 'Loading…' : models.length === 0 ? 'No models yet' : 'Choose a model…'}</option>
              {models.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </Select>
            {routes.data && models.length === 0 ? (
              <p className="-mt-2 text-xs text-neutral-500">
                No enabled route matches an exact model name.{' '}
                <Link to="/routes" className={link}>
                  Create a route
                </Link>{' '}
                first.
              </p>
            ) : null}
            <div className="flex flex-col gap-1.5">
              <Input
                label="API key"
                type="password"
                autoComplete="off"
                spellCheck={false}
                placeholder="sk-…"
                value={values.apiKey}
                onChange={(e) => set('apiKey', e.target.value)}
                error={errors.apiKey}
              />
              <p className="text-xs text-neutral-500">
                Secrets are shown only when a key is created, so paste one here; it is kept in this page's memory only. Need one?{' '}
                <Link to="/keys" className={link}>
                  Create a key on API Keys
                </Link>
                .
              </p>
            </div>
            <Textarea label="System prompt (optional)" rows={2} value={values.system} onChange={(e) => set('system', e.target.value)} />
            <Textarea label="Message" rows={5} value={values.message} onChange={(e) => set('message', e.target.value)} error={errors.message} placeholder="Ask something…" />
            <div className="grid grid-cols-2 gap-4">
              <Input label="Temperature" inputMode="decimal" autoComplete="off" placeholder="Default" value={values.temperature} onChange={(e) => set('temperature', e.target.value)} error={errors.temperature} />
              <Input label="Max tokens" inputMode="numeric" autoComplete="off" placeholder="Default" value={values.maxTokens} onChange={(e) => set('maxTokens', e.target.value)} error={errors.maxTokens} />
            </div>
            <Checkbox label="Stream" hint="Show the answer as it is generated." checked={values.stream} onChange={(e) => set('stream', e.target.checked)} />
            <div className="flex justify-end gap-2">
              {running ? (
                <Button variant="secondary" onClick={chat.stop}>
                  Stop
                </Button>
              ) : null}
              <Button type="submit" loading={running}>
                Send
              </Button>
            </div>
          </form>
        </Card>
        <AnswerPanel state={chat.state} />
      </div>
    </>
  );
}
